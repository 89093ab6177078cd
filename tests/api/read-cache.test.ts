import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createSession, sessionOf } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import type { Database } from '@rapport/api/db/database.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { bumpDataVersion, dataVersion } from '@rapport/api/read-cache/data-versions.repository.ts';
import { ReadCache } from '@rapport/api/read-cache/read-cache.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createApp } from '@rapport/api/server/app.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedA1, mixedFile, PERIOD, voiceCall } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/** The database as the app sees it, with every statement it is sent logged as its query tree's JSON. */
function loggingStatements(db: Kysely<Database>): { db: Kysely<Database>; statements: string[] } {
  const statements: string[] = [];
  const logging = db.withPlugin({
    transformQuery: ({ node }) => {
      statements.push(JSON.stringify(node));
      return node;
    },
    transformResult: async ({ result }) => result,
  });
  return { db: logging, statements };
}

/** hw-voice-1's one interruption: turn 4 cuts into the customer's turn 2 (hand-worked.ts). */
const INTERRUPTION = {
  metric: 'interruptionsPerConversation',
  turnIndex: 4,
  start: 0,
  end: 26,
  text: 'Let me check that for you.',
} as const;

/**
 * The read cache is never stale and never crosses callers: every caller here shares one cache, as the
 * requests of one server process do, and each kind of write is followed by a read that must see it.
 */
describe.each(DATABASE_KINDS)('read cache on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const cache = new ReadCache(100);
  const as = (key: FixtureUserKey) =>
    createCaller(createContextInner({ db: database.db, user: users[key], readCache: cache }));
  const billingOverview = () => as('supervisorBilling').teams.overview(PERIOD);
  const a1 = async () => (await billingOverview()).agents.find((a) => a.agentId === 'a-1');
  const a1Metric = async (metric: string) =>
    (await as('agentA1').agents.scorecard({ agentId: 'a-1', ...PERIOD })).metrics.find(
      (m) => m.id === metric,
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('a read asked again without a write in between is answered from the cache', async () => {
    const first = await billingOverview();
    // The same object: computed once, not merely equal.
    expect(await billingOverview()).toBe(first);
    expect(first.agents.find((a) => a.agentId === 'a-1')?.conversations).toBe(expectedA1.conversations);
  });

  test('an ingest is seen by the next read', async () => {
    // A second voice call of a-1 inside the period: 2 conversations become 3.
    const another = {
      ...voiceCall,
      id: 'hw-voice-2',
      startedAt: '2026-11-05T09:00:00Z',
      endedAt: '2026-11-05T09:05:00Z',
    };
    expect(await ingest(database.db, parseJsonl(Readable.from([JSON.stringify(another)])))).toMatchObject({
      accepted: 1,
    });
    expect((await a1())?.conversations).toBe(3);
    expect((await as('agentA1').conversations.search(PERIOD)).rows.map((r) => r.id)).toContain('hw-voice-2');
  });

  test('a target change is seen by the next read', async () => {
    // The seed target (METRICS.md: talk ratio at most 0.5) until the admin sets another.
    expect((await a1Metric('talkRatio'))?.target).toEqual({ direction: 'lower', value: 0.5 });
    await as('admin').admin.config.update({ targets: { talkRatio: { direction: 'lower', value: 0.4 } } });
    expect((await a1Metric('talkRatio'))?.target).toEqual({ direction: 'lower', value: 0.4 });
  });

  test('a dispute upheld is seen by the next read', async () => {
    // Two voice calls of a-1 now, each with the one interruption: 2 over 2 conversations.
    expect(await a1Metric('interruptionsPerConversation')).toMatchObject({ value: 1, n: 2 });
    const id = await as('agentA1').disputes.create({
      conversationId: 'hw-voice-1',
      evidence: INTERRUPTION,
      comment: 'The customer had finished; the audio was delayed.',
    });
    await as('supervisorBilling').disputes.decide({ id: id.id, decision: 'uphold' });
    // The upheld flag leaves hw-voice-1: 1 interruption over 2 conversations.
    expect(await a1Metric('interruptionsPerConversation')).toMatchObject({ value: 0.5, n: 2 });
  });

  test('callers of different scope never get each other’s result for the same input', async () => {
    const input = { agentId: 'a-1', ...PERIOD };
    const supervisorCard = await as('supervisorBilling').agents.scorecard(input);
    expect(supervisorCard.agent.id).toBe('a-1');
    // The supervisor's card for a-1 is cached under the same procedure and input: a-2 still may not see it.
    await expect(as('agentA2').agents.scorecard(input)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const search = (key: FixtureUserKey) => as(key).conversations.search(PERIOD);
    const ids = async (key: FixtureUserKey) => (await search(key)).rows.map((r) => r.id).sort();
    expect(await ids('admin')).toEqual(['hw-chat-1', 'hw-email-1', 'hw-voice-1', 'hw-voice-2']);
    expect(await ids('agentA1')).toEqual(['hw-chat-1', 'hw-voice-1', 'hw-voice-2']);
    expect(await ids('agentA2')).toEqual(['hw-email-1']);
    expect(await ids('supervisorBilling')).toEqual(['hw-chat-1', 'hw-voice-1', 'hw-voice-2']);
  });

  test('the reads of one request share one read of the data version; the next request reads it anew', async () => {
    // The statements that name the version table, on the real database.
    const { db, statements } = loggingStatements(database.db);
    const versionReads = () => statements.filter((s) => s.includes('"data_versions"')).length;
    const request = () =>
      createCaller(createContextInner({ db, user: users.agentA1, readCache: new ReadCache(100) }));
    const input = { agentId: 'a-1', ...PERIOD };
    // One batched request, as the web app sends a scorecard page's reads.
    const one = request();
    await Promise.all([
      one.agents.scorecard(input),
      one.agents.opportunities(input),
      one.agents.scorecard(input),
    ]);
    expect(versionReads()).toBe(1);
    await request().agents.scorecard(input);
    expect(versionReads()).toBe(2);
  });

  test("the team's period totals are read once for its scorecards and opportunities, and again after a write", async () => {
    // agentTotals and agentChannelTotals, the team-wide reads, are the statements naming agent_team.
    const { db, statements } = loggingStatements(database.db);
    const teamTotalsReads = () => statements.filter((s) => s.includes('agent_team')).length;
    const shared = new ReadCache(100);
    const request = () =>
      createCaller(createContextInner({ db, user: users.supervisorBilling, readCache: shared }));
    const input = { agentId: 'a-1', ...PERIOD };
    const card = await request().agents.scorecard(input);
    expect(teamTotalsReads()).toBe(2);
    // Another read, another caller's cache entry: the team's totals come from the shared ones.
    const opportunities = await createCaller(
      createContextInner({ db, user: users.admin, readCache: shared }),
    ).agents.opportunities(input);
    expect(teamTotalsReads()).toBe(2);
    // Shared totals give the same answers as totals read afresh.
    const fresh = createCaller(createContextInner({ db: database.db, user: users.admin }));
    expect(opportunities).toEqual(await fresh.agents.opportunities(input));
    expect(card).toEqual(
      await createCaller(
        createContextInner({ db: database.db, user: users.supervisorBilling }),
      ).agents.scorecard(input),
    );

    await bumpDataVersion(database.db, 'default');
    await request().agents.scorecard(input);
    expect(teamTotalsReads()).toBe(4);
  });

  test('over HTTP, a signed-in request reads its data version with its session, in one statement', async () => {
    const { db, statements } = loggingStatements(database.db);
    const server = createApp({ db, readCache: new ReadCache(100) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const input = encodeURIComponent(JSON.stringify({ agentId: 'a-1', ...PERIOD }));
    const read = async (token: string) =>
      fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/agents.scorecard?input=${input}`,
        { headers: { cookie: `rapport_session=${encodeURIComponent(token)}` } },
      );
    const agentOf = async (response: Response) =>
      ((await response.json()) as { result: { data: { agent: { id: string } } } }).result.data.agent.id;
    try {
      const { token } = await createSession(database.db, users.agentA1);
      expect(await agentOf(await read(token))).toBe('a-1');
      statements.length = 0;
      // Answered from the cache: the session and the version, both in the one statement.
      expect(await agentOf(await read(token))).toBe('a-1');
      expect(statements).toHaveLength(1);
      expect(statements[0]).toContain('"data_versions"');
      expect(statements[0]).toContain('"sessions"');

      // A write raises the version: the next request's session read sees it and reads afresh.
      await bumpDataVersion(database.db, 'default');
      statements.length = 0;
      expect(await agentOf(await read(token))).toBe('a-1');
      expect(statements.length).toBeGreaterThan(1);

      // The organisation in the token is covered by its hash: another one names no session.
      const [, secret] = token.split('.');
      const elsewhere = `${Buffer.from('another-organisation').toString('base64url')}.${secret}`;
      expect((await read(elsewhere)).status).toBe(401);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a session token that names no organisation still signs in, its data version read apart', async () => {
    // Tokens made before they named their organisation: the token's hash alone finds the session.
    const token = 'made-before-tokens-named-their-organisation';
    const hash = createHash('sha256').update(token).digest('hex');
    await database.db
      .insertInto('sessions')
      .values({ token_hash: hash, user_id: users.agentA1.id, expires_at: new Date(Date.now() + 60_000) })
      .execute();
    const session = await sessionOf(database.db, token);
    expect(session?.user).toEqual(users.agentA1);
    expect(session?.dataVersion).toBeUndefined();
    const named = await sessionOf(database.db, (await createSession(database.db, users.agentA1)).token);
    expect(named?.dataVersion).toBe(await dataVersion(database.db, 'default'));
  });

  test("a team's overview and its agents' scorecards share the team's period totals", async () => {
    // A new data version: nothing is shared from the tests before.
    await bumpDataVersion(database.db, 'default');
    const { db, statements } = loggingStatements(database.db);
    const shared = new ReadCache(100);
    const teamTotalsReads = () => statements.filter((s) => s.includes('agent_team')).length;
    const supervisor = () =>
      createCaller(createContextInner({ db, user: users.supervisorBilling, readCache: shared }));
    const overview = await supervisor().teams.overview(PERIOD);
    const afterOverview = teamTotalsReads();
    expect(afterOverview).toBeGreaterThan(0);
    const card = await supervisor().agents.scorecard({ agentId: 'a-1', ...PERIOD });
    expect(teamTotalsReads()).toBe(afterOverview);
    // The same answers as when nothing is shared.
    const fresh = createCaller(createContextInner({ db: database.db, user: users.supervisorBilling }));
    expect(overview).toEqual(await fresh.teams.overview(PERIOD));
    expect(card).toEqual(await fresh.agents.scorecard({ agentId: 'a-1', ...PERIOD }));
  });
});
