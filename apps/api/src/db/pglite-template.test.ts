import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startJobQueue } from '../jobs/job-queue.ts';
import { EMAIL_QUEUE, WEBHOOK_QUEUE } from '../notifications/deliveries.ts';
import { connect } from './connect.ts';
import { MIGRATION_NAMES, migrateToLatest } from './migrate.ts';
import { createPglite, ensureTemplate } from './pglite-template.ts';
import { ensureSchemaTemplate } from './schema-template.ts';

/** A new embedded database from a template is the template's cluster, and a bad template costs nothing. */
describe('a cluster template', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-template-test-'));
  const template = path.join(scratch, 'cache', 'empty-cluster.tar.gz');
  const folder = (name: string) => path.join(scratch, name);

  beforeAll(async () => {
    const prepare = (pglite: PGlite) =>
      pglite.exec('CREATE TABLE prepared (id int); INSERT INTO prepared VALUES (1);');
    expect(await ensureTemplate(template, async (pglite) => void (await prepare(pglite)))).toBe(true);
  }, 60_000);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('is made once: a second call keeps the file', async () => {
    const made = fs.statSync(template).mtimeMs;
    expect(await ensureTemplate(template)).toBe(false);
    expect(fs.statSync(template).mtimeMs).toBe(made);
    expect(fs.readdirSync(path.dirname(template))).toEqual(['empty-cluster.tar.gz']);
  });

  test('a new folder gets the prepared cluster, which keeps what is written to it', async () => {
    const dir = folder('from-template');
    fs.mkdirSync(dir);
    const first = await createPglite(dir, {}, template);
    expect((await first.query<{ id: number }>('SELECT id FROM prepared')).rows).toEqual([{ id: 1 }]);
    await first.exec('CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (7);');
    await first.close();
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);

    // Reopened: the folder holds a cluster now, so the template is not unpacked over it.
    const again = await createPglite(dir, {}, template);
    expect((await again.query<{ id: number }>('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
    await again.close();
  }, 60_000);

  test('a damaged template is set aside: the cluster is made as without one', async () => {
    const damaged = path.join(scratch, 'damaged.tar.gz');
    fs.writeFileSync(damaged, 'not a tar file');
    const dir = folder('from-damaged');
    fs.mkdirSync(dir);
    const pglite = await createPglite(dir, {}, damaged);
    expect((await pglite.query<{ n: number }>('SELECT 1 + 1 AS n')).rows).toEqual([{ n: 2 }]);
    expect((await pglite.query(`SELECT 1 FROM pg_tables WHERE tablename = 'prepared'`)).rows).toEqual([]);
    await pglite.close();
  }, 60_000);
});

/** The app's template is the schema as the migrations make it: a database from it has nothing left to run. */
test('a new embedded database from the schema template is at the latest migration', async () => {
  await ensureSchemaTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-schema-template-'));
  const handle = await connect({ dataDir });
  try {
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
      handle.db,
    );
    expect(rows.map((r) => r.name)).toEqual([...MIGRATION_NAMES].sort());
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

/**
 * The template holds the job queue's schema and queues: a first start finds them installed, and the
 * queue started on them takes jobs.
 */
test('a new embedded database from the schema template has the job queue installed', async () => {
  await ensureSchemaTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-schema-template-'));
  const handle = await connect({ dataDir });
  const queues = async () =>
    (await sql<{ name: string }>`SELECT name FROM pgboss.queue ORDER BY name`.execute(handle.db)).rows.map(
      (q) => q.name,
    );
  try {
    const installed = ['recompute', 'upload', EMAIL_QUEUE, WEBHOOK_QUEUE, 'weekly-digest'].sort();
    expect(await queues()).toEqual(installed);
    // Taking jobs in, as a web instance does: the recompute lands in the installed queue.
    const jobs = await startJobQueue(handle, { work: false });
    try {
      expect(await queues()).toEqual(installed);
      const id = await jobs.enqueueRecompute('default', null);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await jobs.stop();
    }
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
