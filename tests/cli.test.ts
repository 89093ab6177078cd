import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoRoster } from '@rapport/demo/roster.ts';
import { METRIC_IDS } from '@rapport/metrics';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedA1, mixedFile, PERIOD } from './fixtures/hand-worked.ts';
import { rapport } from './support/cli.ts';
import { count, createTestDatabase, type TestDatabase } from './support/databases.ts';

describe('pnpm rapport on PostgreSQL', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-'));
  });
  afterAll(async () => {
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('ingest stores the good lines, reports the bad ones and exits 2; twice gives the same scorecard', () => {
    const file = path.join(dir, 'mixed.jsonl');
    fs.writeFileSync(file, mixedFile());
    const first = rapport(['ingest', file], database.env);
    expect(first.code).toBe(2);
    const summary = JSON.parse(first.stdout);
    expect(summary.accepted).toBe(3);
    expect(summary.updated).toBe(0);
    expect(summary.rejected.map((r: { line: number }) => r.line)).toEqual([2, 4]);

    const scorecardArgs = ['scorecard', '--agent', 'a-1', '--from', PERIOD.from, '--to', PERIOD.to, '--json'];
    const before = rapport(scorecardArgs, database.env);
    expect(before.code).toBe(0);
    const card = JSON.parse(before.stdout);
    expect(card).toMatchObject({ agentId: 'a-1', from: PERIOD.from, to: PERIOD.to, conversations: 2 });
    expect(Object.keys(card.metrics)).toEqual([...METRIC_IDS]);
    expect(card.metrics.responseTimeMs).toBeCloseTo(expectedA1.responseTimeMs, 9);
    expect(card.metrics.interruptionsPerConversation).toBe(expectedA1.interruptionsPerConversation);

    // Again, scored in a worker thread as large files are: the same results, byte for byte.
    const second = rapport(['ingest', file], { ...database.env, RAPPORT_SCORING_WORKERS: '1' });
    expect(second.code).toBe(2);
    expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 3, updated: 3 });
    expect(rapport(scorecardArgs, database.env).stdout).toBe(before.stdout);
  });

  test('without dates a command reads the 30 days up to the latest day with data, as the dashboard does', () => {
    // The latest conversation is a-2's email of 2026-11-04; 29 days before it is 2026-10-06.
    const card = JSON.parse(rapport(['scorecard', '--agent', 'a-1', '--json'], database.env).stdout);
    expect(card).toMatchObject({ agentId: 'a-1', from: '2026-10-06', to: '2026-11-04', conversations: 2 });
    // Only --from: up to the same day; a-1's chat of 2026-11-03 is the one conversation in it.
    const fromOnly = rapport(['scorecard', '--agent', 'a-1', '--from', '2026-11-03', '--json'], database.env);
    expect(JSON.parse(fromOnly.stdout)).toMatchObject({
      from: '2026-11-03',
      to: '2026-11-04',
      conversations: 1,
    });
    const late = rapport(['scorecard', '--agent', 'a-1', '--from', '2026-11-20', '--json'], database.env);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(
      /--from: "from" must not be after "to", which defaults to 2026-11-04, the latest day with data/,
    );
  });

  test('a clean file exits 0; a missing file or unknown agent is a clear error', async () => {
    const file = path.join(dir, 'good.jsonl');
    fs.writeFileSync(file, `${mixedFile().split('\n')[0]}\n`);
    const ok = rapport(['ingest', file], database.env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ accepted: 1, updated: 1, rejected: [] });

    const missing = rapport(['ingest', path.join(dir, 'nope.jsonl')], database.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such file: .*nope\.jsonl/);

    const unknown = rapport(['scorecard', '--agent', 'nobody', '--json'], database.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No agent with id "nobody"/);

    const badDate = rapport(['scorecard', '--agent', 'a-1', '--from', '2026-02-30', '--json'], database.env);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/real calendar date/);
    expect(await count(database, 'conversations')).toBe(3);
  });

  test('date flags outside 2000-01-01 … a year from now, or over three years, are clear errors', () => {
    const far = rapport(['scorecard', '--agent', 'a-1', '--from', '9999-12-31', '--json'], database.env);
    expect(far.code).toBe(1);
    expect(far.stderr).toMatch(/--from: expected a date from 2000-01-01 to \d{4}-\d{2}-\d{2}/);
    const long = rapport(
      ['coaching', '--agent', 'a-1', '--from', '2000-01-01', '--to', '2026-11-30', '--json'],
      database.env,
    );
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/--to: a period covers at most 1096 days/);
  });

  test('users add hashes the password and validates the role', async () => {
    const added = rapport(
      [
        'users',
        'add',
        '--email',
        'Lead@Example.com',
        '--role',
        'supervisor',
        '--team',
        'billing',
        '--password',
        'correct horse battery',
      ],
      database.env,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      email: 'lead@example.com',
      role: 'supervisor',
      team_id: 'billing',
    });
    const row = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const bad = rapport(['users', 'add', '--email', 'x@example.com', '--role', 'boss'], database.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/role/);

    const weak = rapport(
      ['users', 'add', '--email', 'x@example.com', '--role', 'hr', '--password', '12345678'],
      database.env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: a password needs at least 12 characters/);
    const unknown = rapport(
      ['users', 'add', '--email', 'x@example.com', '--role', 'agent', '--agent', 'a-404'],
      database.env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/there is no agent "a-404"/);
    const noTeam = rapport(
      ['users', 'add', '--email', 'x@example.com', '--role', 'supervisor', '--team', 'nowhere'],
      database.env,
    );
    expect(noTeam.code).toBe(1);
    expect(noTeam.stderr).toMatch(/there is no team "nowhere"/);
    expect(await database.db.selectFrom('users').select('email').execute()).toEqual([
      { email: 'lead@example.com' },
    ]);
  });

  test('conversation --json: the stored conversation as the engine scored it, every credit and flag', () => {
    // Worked by hand (METRICS.md v2): the agent's own words are 17 + 10 = 27 words; "Unfortunately we
    // can't" is one refusal in one sentence → 100 / 27 negative language; "I'm sorry" is empathy,
    // "Thank you" thanks, "Sam" the name; "How did I do today?" asks for feedback.
    const turns = [
      { speaker: 'customer', text: 'Hi, my bill is wrong and I am annoyed.', startMs: 0 },
      {
        speaker: 'agent',
        text: "I'm sorry to hear that, Sam. Unfortunately we can't refund today, but I will fix the bill.",
        startMs: 40_000,
      },
      { speaker: 'customer', text: 'Ok thanks.', startMs: 90_000 },
      { speaker: 'agent', text: 'Thank you for your patience. How did I do today?', startMs: 100_000 },
    ];
    const record = {
      id: 'cv-1',
      channel: 'chat',
      startedAt: '2026-11-02T09:15:00Z',
      endedAt: '2026-11-02T09:21:30Z',
      agent: { id: 'cv-a', team: 'billing' },
      customer: { id: 'cu-9', name: 'Sam Lee' },
      turns,
    };
    const file = path.join(dir, 'scored.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(record)}\n`);
    expect(rapport(['ingest', file], database.env).code).toBe(0);

    const shown = rapport(['conversation', 'cv-1', '--json'], database.env);
    expect(shown.code).toBe(0);
    const doc = JSON.parse(shown.stdout);
    expect(doc).toMatchObject({ id: 'cv-1', agentId: 'cv-a', channel: 'chat', definitions: 'v2' });
    expect(Object.keys(doc.metrics)).toEqual([...METRIC_IDS]);
    expect(doc.metrics.negativeLanguagePer100Words).toBeCloseTo(100 / 27, 9);
    expect(doc.metrics.empathyRate).toBe(1);
    expect(doc.metrics.thankRate).toBe(1);
    expect(doc.metrics.feedbackRequestRate).toBe(1);
    expect(doc.metrics.interruptionsPerConversation).toBeNull();
    const brief = doc.evidence.map((e: { metric: string; kind: string; turn: number; text: string }) => [
      e.metric,
      e.kind,
      e.turn,
      e.text,
    ]);
    expect(brief).toEqual(
      expect.arrayContaining([
        ['empathyRate', 'credit', 1, "I'm sorry"],
        ['negativeLanguagePer100Words', 'flag', 1, 'Unfortunately'],
        ['thankRate', 'credit', 3, 'Thank you'],
        ['personalizationRate', 'credit', 1, 'Sam'],
        ['feedbackRequestRate', 'credit', 3, 'How did I do'],
      ]),
    );
    for (const e of doc.evidence) {
      if (e.kind !== 'missing') expect(turns[e.turn]?.text.slice(e.start, e.end)).toBe(e.text);
    }

    const unknown = rapport(['conversation', 'nope', '--json'], database.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No conversation "nope"');
  });
});

describe('pnpm rapport coaching on demo data', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the interrupter is coached on interruptions, with evidence from their own calls', async () => {
    const loaded = rapport(['demo', '--conversations', '2000'], database.env);
    expect(loaded.code).toBe(0);
    const interrupter = demoRoster().agents.find((a) => a.archetype === 'fast-interrupter');
    if (!interrupter) throw new Error('the demo roster has no fast interrupter');
    const result = rapport(
      ['coaching', '--agent', interrupter.id, '--from', '2026-05-20', '--to', '2026-11-20', '--json'],
      database.env,
    );
    expect(result.code).toBe(0);
    const { opportunities } = JSON.parse(result.stdout) as {
      opportunities: { metricId: string; score: number; n: number; evidence: { conversationId: string }[] }[];
    };
    const scores = opportunities.map((o) => o.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const interruptions = opportunities.find((o) => o.metricId === 'interruptionsPerConversation');
    expect(interruptions).toBeDefined();
    expect(interruptions?.n).toBeGreaterThanOrEqual(5);
    expect(interruptions?.evidence.length).toBeGreaterThan(0);
    expect(interruptions?.evidence.length).toBeLessThanOrEqual(3);
    const owners = await database.db
      .selectFrom('conversations')
      .select('agent_id')
      .where('id', 'in', interruptions?.evidence.map((e) => e.conversationId) ?? [])
      .execute();
    expect(new Set(owners.map((o) => o.agent_id))).toEqual(new Set([interrupter.id]));

    const unknown = rapport(['coaching', '--agent', 'nobody', '--json'], database.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No agent with id "nobody"/);
  });
});
