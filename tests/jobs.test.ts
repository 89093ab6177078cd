import { Readable } from 'node:stream';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { type JobQueue, startJobQueue } from '@rapport/api/jobs/job-queue.ts';
import { type JobStatus, jobStatus } from '@rapport/api/jobs/jobs.repository.ts';
import { updateConfig } from '@rapport/api/organisations/config.repository.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from './fixtures/hand-worked.ts';
import { rapport } from './support/cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

/** Polls the job's row until it is done or failed. */
async function settledJob(db: TestDatabase['db'], id: string): Promise<JobStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await jobStatus(db, 'default', id);
    if (status && (status.state === 'done' || status.state === 'failed')) return status;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(DATABASE_KINDS)('the recompute job queue (pg-boss) on %s', (kind) => {
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
  });
  afterAll(async () => {
    for (const queue of queues) await queue.stop();
    await database?.drop();
  });

  test('a recompute waits until a worker takes it, a second request joins it, and it re-scores', async () => {
    // A process without workers (an API node that only takes requests) queues the job.
    const intake = await startJobQueue(database);
    queues.push(intake);
    await updateConfig(database.db, 'default', { lexicons: { jargon: [{ phrase: 'check' }] } });
    const id = await intake.enqueueRecompute('default', null);
    expect(await intake.enqueueRecompute('default', null)).toBe(id);
    expect(await jobStatus(database.db, 'default', id)).toMatchObject({
      queue: 'recompute',
      state: 'queued',
      progress: { done: 0, total: null },
    });
    expect(await jobStatus(database.db, 'other-organisation', id)).toBeNull();
    const before = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(before.metrics.jargonPer100Words).toBe(0);

    const worker = await startJobQueue(database, { work: true, pollingIntervalSeconds: 0.5 });
    queues.push(worker);
    const status = await settledJob(database.db, id);
    expect(status).toMatchObject({
      state: 'done',
      progress: { done: 3, total: 3 },
      result: { recomputed: 3 },
      error: null,
    });
    expect(status.startedAt).not.toBeNull();
    // a-1 says "check" once in 31 words (see tests/recompute.test.ts).
    const after = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(after.metrics.jargonPer100Words).toBeCloseTo(100 / 31, 9);
  });

  test('pg-boss keeps its tables in the same database, in its own schema', async () => {
    const { rows } = await sql<{ state: string }>`
      SELECT state::text AS state FROM pgboss.job WHERE name = 'recompute'`.execute(database.db);
    expect(rows.map((r) => r.state)).toEqual(['completed']);
  });
});

describe('pnpm rapport recompute on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('runs the recompute job in the foreground, progress on stderr, its row done', async () => {
    await updateConfig(database.db, 'default', { lexicons: { jargon: [{ phrase: 'check' }] } });
    const run = rapport(['recompute'], database.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('recompute: 3 / 3 conversations');
    const { jobId, recomputed } = JSON.parse(run.stdout);
    expect(recomputed).toBe(3);
    expect(await jobStatus(database.db, 'default', jobId)).toMatchObject({ state: 'done' });
    const card = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(card.metrics.jargonPer100Words).toBeCloseTo(100 / 31, 9);
  });
});
