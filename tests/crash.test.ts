import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession } from '@rapport/api/auth/sessions.repository.ts';
import { connect } from '@rapport/api/db/connect.ts';
import { writeDemoFile } from '@rapport/api/demo/load.ts';
import { parseFile } from '@rapport/api/ingest/formats.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { startJobQueue } from '@rapport/api/jobs/job-queue.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inconsistencies } from './support/consistency.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';
import { REPO_ROOT, type RunningServer, startServer } from './support/server.ts';
import { createFixtureUsers } from './support/users.ts';

/** Short, so that the restarted server ends the dead one's work within a second or two. */
const STALE_AFTER_MS = 1_000;
const CONVERSATIONS = 4_000;

/**
 * SIGKILL in the middle of the work, as a crash or an OOM kill would: an ingest by the CLI, the server
 * storing an upload, the server running a recompute. Afterwards only whole conversations are stored,
 * facts agree with rollups, the upload is failed with its count, and the recompute is queued again
 * and completes, as does the recompute asked for after the crash, instead of waiting behind it.
 * PGlite is one process's database: the test closes its own handle while a child process has it.
 */
describe.each(DATABASE_KINDS)('killed mid-way on %s', (kind) => {
  let database: TestDatabase;
  let file: string;
  let cookie: string;
  let server: RunningServer | null = null;
  const env = () => ({
    ...database.env,
    RAPPORT_DEMO: 'off',
    RAPPORT_STALE_AFTER_MS: String(STALE_AFTER_MS),
  });

  /** The test's own connection: closed while a PGlite child runs, reopened to look. */
  const reopen = async () => {
    if (kind === 'pglite') {
      const dataDir = database.env.RAPPORT_DATA_DIR as string;
      const handle = await connect({ dataDir });
      Object.assign(database, {
        db: handle.db,
        pglite: handle.pglite,
        close: handle.close,
        drop: async () => {
          await handle.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      });
    }
  };
  const release = async () => {
    if (kind === 'pglite') await database.close();
  };
  const startRapport = () => startServer(env(), /Rapport is serving/, 60_000, { web: false });
  const trpc = async (procedure: string, input: unknown) => {
    const url = `${server?.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
    const body = (await (await fetch(url, { headers: { cookie } })).json()) as { result: { data: unknown } };
    return body.result.data as Record<string, unknown> | null;
  };
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe().catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server?.output() ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-crash-')), 'demo.jsonl');
    await writeDemoFile(file, { conversations: CONVERSATIONS, seed: 7 });
    const users = await createFixtureUsers(database);
    const { token } = await createSession(database.db, users.admin);
    cookie = `rapport_session=${encodeURIComponent(token)}`;
  });
  afterAll(async () => {
    await server?.kill();
    await database?.drop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  test('an ingest killed mid-file leaves whole conversations whose facts agree with the rollups', async () => {
    await release();
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'ingest', file],
      {
        cwd: path.join(REPO_ROOT, 'apps/api'),
        env: { ...process.env, ...env() },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await until('a first stored batch', async () => /: [1-9]\d* stored/.test(stderr));
    child.kill('SIGKILL');
    await exited;
    await reopen();
    const stored = await database.db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeGreaterThan(0);
    expect(Number(stored.n)).toBeLessThan(CONVERSATIONS);
    expect(await inconsistencies(database)).toEqual([]);
  });

  test('the server killed mid-upload: after a restart the upload is failed with its count, the data consistent', async () => {
    await release();
    server = await startRapport();
    const upload = fetch(`${server.url}/uploads?format=jsonl&name=demo.jsonl`, {
      method: 'POST',
      headers: { cookie },
      body: fs.readFileSync(file),
    }).catch(() => null);
    const uploads = await until('the upload to store records', async () => {
      for (let id = 1; id <= 3; id += 1) {
        const status = await trpc('uploads.status', { id });
        if (status && Number(status.recordsStored) > 0) return status;
      }
      return null;
    });
    await server.kill();
    await upload;
    server = await startRapport();
    const failed = await until('the stranded upload to be failed', async () => {
      const status = await trpc('uploads.status', { id: uploads.id });
      return status?.status === 'failed' ? status : null;
    });
    expect(failed.error).toMatch(
      /^The server stopped while this upload was running; \d+ records had been stored/,
    );
    expect(Number(failed.recordsStored)).toBeGreaterThan(0);
    await server.stop();
    server = null;
    await reopen();
    expect(await inconsistencies(database)).toEqual([]);
  });

  test('the server killed mid-recompute: on restart it is queued again and the next recompute does not wait behind it', async () => {
    // The whole file, so that the recompute has batches to be killed between (PGlite answers the
    // status between them: it has one connection, and the server yields between batches).
    await ingest(database.db, parseFile(file, 'jsonl'));
    const queue = await startJobQueue(database);
    const first = await queue.enqueueRecompute('default', null);
    await queue.stop();
    await release();
    server = await startRapport();
    // Killed once its first batches are written: the server's log says so as they land, even while
    // the embedded database is too busy to answer a status request.
    const progress = new RegExp(`Recompute ${first}: (\\d+) / (\\d+) conversations`);
    await until('the recompute to run', async () => {
      const [, done, total] = progress.exec(server?.output() ?? '') ?? [];
      return Number(done) > 0 && Number(done) < Number(total);
    });
    await server.kill();
    server = null;

    await reopen();
    const intake = await startJobQueue(database);
    const next = await intake.enqueueRecompute('default', null);
    expect(next).not.toBe(first);
    await intake.stop();
    await release();
    server = await startRapport();
    const done = await until(
      'the next recompute to finish',
      async () => {
        const job = await trpc('admin.jobs.status', { id: next });
        return job?.state === 'done' ? job : null;
      },
      60_000,
    );
    expect(done.result).toMatchObject({ recomputed: expect.any(Number) });
    expect(await trpc('admin.jobs.status', { id: first })).toMatchObject({
      state: 'failed',
      error: 'The process running this job stopped; it was queued again.',
    });
    await server.stop();
    server = null;
    await reopen();
    expect(await inconsistencies(database)).toEqual([]);
  });
});
