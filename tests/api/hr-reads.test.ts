import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { HR_FLAGGED_WORDS_MAX } from '@rapport/api/coaching/viewer-evidence.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { authorizeExport } from '@rapport/api/exports/export-access.ts';
import type { ExportKind } from '@rapport/api/exports/export-request.ts';
import { openExport } from '@rapport/api/exports/open-export.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const NOTE = 'Private note: the customer Alex Kim complained about her tone twice.';
/** A long agent turn around a flagged phrase: HR must see the phrase, not the customer's details around it. */
const HARSH =
  'Your account number 4417 and your address at 12 Elm Street are on file, but unfortunately I cannot refund it, Alex, it is not my problem at all.';

/** a-1 says HARSH in eight chats; a-9 of the same team is polite in eight: a-1 has negative language to coach. */
function chats(agentId: string, text: string) {
  return Array.from({ length: 8 }, (_, i) => ({
    ...chat,
    id: `hr-${agentId}-${i}`,
    startedAt: `2026-11-1${i}T10:00:00Z`,
    endedAt: `2026-11-1${i}T10:05:00Z`,
    agent: { id: agentId, name: null, team: 'billing' },
    turns: [
      { speaker: 'customer', text: 'My refund has not arrived.', startMs: 0 },
      { speaker: 'agent', text, startMs: 20_000 },
    ],
  }));
}

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function pdfText(data: Buffer): Promise<string> {
  const parser = new PDFParse({ data });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe.each(DATABASE_KINDS)('what HR reads on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const exported = async (key: FixtureUserKey, kind: ExportKind) =>
    text(
      await openExport(
        database.db,
        await authorizeExport(database.db, users[key], { kind, ...PERIOD, agentId: 'a-1' }),
      ),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const lines = [...chats('a-1', HARSH), ...chats('a-9', 'Thanks, the refund is on its way.')];
    await ingest(database.db, parseJsonl(Readable.from([lines.map((c) => JSON.stringify(c)).join('\n')])));
    users = await createFixtureUsers(database);
    await as('supervisorBilling').coaching.create({
      agentId: 'a-1',
      focusMetrics: ['negativeLanguagePer100Words'],
      note: NOTE,
      sessionDate: '2026-11-20',
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('agents.opportunities: the supervisor gets the evidence with its conversation, HR the flagged words only', async () => {
    const full = await as('supervisorBilling').agents.opportunities({ ...PERIOD, agentId: 'a-1' });
    const evidence = full.opportunities.flatMap((o) => o.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence[0]).toHaveProperty('conversationId');

    const hr = await as('hr').agents.opportunities({ ...PERIOD, agentId: 'a-1' });
    expect(hr.opportunities.map((o) => o.metricId)).toEqual(full.opportunities.map((o) => o.metricId));
    const shown = hr.opportunities.flatMap((o) => o.evidence);
    expect(shown.length).toBe(evidence.length);
    for (const item of shown) {
      expect(item).not.toHaveProperty('conversationId');
      expect(item).not.toHaveProperty('turnIndex');
      expect(item).not.toHaveProperty('at');
      if (item.text === null) continue;
      expect(item.text.split(/\s+/).length).toBeLessThanOrEqual(HR_FLAGGED_WORDS_MAX);
      expect(HARSH.toLowerCase()).toContain(item.text.toLowerCase());
    }
    expect(shown.map((e) => e.text)).toContain('unfortunately');
    const answer = JSON.stringify(hr);
    expect(answer).not.toContain('hr-a-1-');
    expect(answer).not.toContain('Elm Street');
    expect(answer).not.toContain('4417');
  });

  test('coaching notes: never in HR’s review packet nor CSVs; the supervisor’s packet prints them', async () => {
    expect(await pdfText(await exported('supervisorBilling', 'review.pdf'))).toContain('Private note');
    const hrPdf = await pdfText(await exported('hr', 'review.pdf'));
    expect(hrPdf).toContain('2026-11-20');
    expect(hrPdf).not.toContain('Private note');
    expect(hrPdf).not.toContain('Alex Kim');
    for (const csv of ['agents.csv', 'conversations.csv'] as const) {
      const file = (await exported('hr', csv)).toString('utf8');
      expect(file.length).toBeGreaterThan(0);
      expect(file).not.toContain('Private note');
      expect(file).not.toContain('Elm Street');
    }
    expect((await as('hr').coaching.list({ agentId: 'a-1' })).every((s) => s.note === null)).toBe(true);
  });
});
