import { Readable } from 'node:stream';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { outdatedFacts, queueDefinitionsUpgrade } from '@rapport/api/jobs/definitions-upgrade.ts';
import { type JobQueue, startJobQueue } from '@rapport/api/jobs/job-queue.ts';
import { jobStatus, unfinishedJobs } from '@rapport/api/jobs/jobs.repository.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { DEFINITIONS_VERSION } from '@rapport/metrics';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from './fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

/**
 * A database scored with definitions v1 (facts marked 1, no credits stored, as v1 wrote them) is
 * brought to v2 by the recompute job that start-up queues.
 */
describe.each(DATABASE_KINDS)('definitions upgrade at start-up on %s', (kind) => {
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    await sql`UPDATE conversation_metrics SET definitions = 1`.execute(database.db);
    await sql`DELETE FROM evidence WHERE kind = 'credit'`.execute(database.db);
  });
  afterAll(async () => {
    for (const queue of queues) await queue.stop();
    await database?.drop();
  });

  test('v1 facts are found, re-scored by the queued job with progress, and say v2 afterwards', async () => {
    expect(DEFINITIONS_VERSION).toBe(2);
    expect(await outdatedFacts(database.db)).toEqual([
      { organisationId: 'default', conversations: 3, oldest: 1 },
    ]);
    expect((await agentScorecard(database.db, 'default', 'a-1', PERIOD)).definitions).toBe('v1');

    const intake = await startJobQueue(database);
    queues.push(intake);
    const logged: string[] = [];
    const [id] = await queueDefinitionsUpgrade(database.db, intake, (m) => logged.push(m));
    expect(id).toBeDefined();
    expect(logged[0]).toMatch(
      /3 conversations of default were scored with definitions v1: recompute job .* definitions v2/,
    );
    // The admin's job panel finds it without knowing its id.
    expect((await unfinishedJobs(database.db, 'default')).map((j) => j.id)).toEqual([id]);

    const worker = await startJobQueue(database, { work: true, pollingIntervalSeconds: 0.5 });
    queues.push(worker);
    const deadline = Date.now() + 60_000;
    let status = await jobStatus(database.db, 'default', id as string);
    while (status?.state !== 'done' && status?.state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await jobStatus(database.db, 'default', id as string);
    }
    expect(status).toMatchObject({ state: 'done', progress: { done: 3, total: 3 } });
    expect(await outdatedFacts(database.db)).toEqual([]);
    expect((await agentScorecard(database.db, 'default', 'a-1', PERIOD)).definitions).toBe('v2');
    const { rows } = await sql<{ n: string | number }>`
      SELECT count(*) AS n FROM evidence WHERE kind = 'credit'`.execute(database.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    // Nothing is queued again once every fact is current.
    expect(await queueDefinitionsUpgrade(database.db, intake, () => {})).toEqual([]);
  });
});
