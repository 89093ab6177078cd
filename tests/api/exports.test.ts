import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createSession } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { agentCsvHeader, type CsvLayout } from '@rapport/api/exports/agents-csv.ts';
import { CONVERSATION_CSV_HEADER } from '@rapport/api/exports/conversations-csv.ts';
import { authorizeExport, type ExportActor, systemActor } from '@rapport/api/exports/export-access.ts';
import type { ExportKind, ExportRequest } from '@rapport/api/exports/export-request.ts';
import { conversationFacts } from '@rapport/api/exports/exports.repository.ts';
import { openExport } from '@rapport/api/exports/open-export.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { createApp } from '@rapport/api/server/app.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { formatMetric, METRIC_IDS } from '@rapport/metrics';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedA1, mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { rapport } from '../support/cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

async function readAll(stream: Readable): Promise<Buffer> {
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

function csvRows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true });
}

describe.each(DATABASE_KINDS)('HR exports on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;

  const exportFile = async (
    actor: ExportActor,
    request: Omit<ExportRequest, 'from' | 'to'>,
    layout: CsvLayout = 'raw',
  ) => {
    const scope = await authorizeExport(database.db, actor, { ...PERIOD, ...request });
    return readAll(await openExport(database.db, scope, { layout }));
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
    // One session before the period (printed), one after it (left out of a November packet).
    await database.db
      .insertInto('coaching_sessions')
      .values([
        {
          organisation_id: 'default',
          agent_id: 'a-1',
          created_by: users.supervisorBilling.id,
          focus_metrics: JSON.stringify(['empathyRate']),
          note: 'Open with an acknowledgement before the fix.',
          session_date: '2026-10-20',
        },
        {
          organisation_id: 'default',
          agent_id: 'a-1',
          created_by: users.supervisorBilling.id,
          focus_metrics: JSON.stringify(['talkRatio']),
          note: 'December follow-up, after the period.',
          session_date: '2026-12-05',
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the agent CSV for people: readable headings with units, seconds and percent, n and team median', async () => {
    const text = (await exportFile(users.hr, { kind: 'agents.csv' }, 'people')).toString('utf8');
    // Read as a CSV reader reads it: a per-channel heading holds a comma, so it is quoted.
    const [header] = parse(text, { to_line: 1 }) as string[][];
    expect(header?.slice(0, 6)).toEqual(['Agent ID', 'Agent', 'Team', 'From', 'To', 'Conversations']);
    // A duration per channel, never pooled across them.
    expect(header).not.toContain('Response time (s)');
    expect(header).toContain('Response time, voice (s)');
    expect(header).toContain('Agent talk ratio (%)');
    expect(header).toContain('Agent talk ratio: team median (%)');
    const rows = csvRows(text);
    const priya = rows.find((r) => r['Agent ID'] === 'a-1');
    // a-1's call gaps [300, 0, 300] ms: 0.2 s; her chat's [60000, 150000] ms: 105 s; one conversation
    // each. (Pooled, 42.12 s would describe neither the call nor the chat.)
    expect(priya?.['Response time, voice (s)']).toBe('0.2');
    expect(priya?.['Response time, voice: n']).toBe('1');
    expect(priya?.['Response time, chat (s)']).toBe('105');
    expect(priya?.['Response time, chat: n']).toBe('1');
    expect(priya?.['Response time, email (s)']).toBe('');
    expect(priya?.['Response time, email: n']).toBe('0');
    // Alone in billing: no teammates, so no team median (the scorecard's peer set, her left out).
    expect(priya?.['Response time, voice: team median (s)']).toBe('');
    // 5,500 of 12,600 ms of talk: 43.7 %.
    expect(priya?.['Agent talk ratio (%)']).toBe('43.7');
    const tom = rows.find((r) => r['Agent ID'] === 'a-2');
    // Tom's one email answered after 4 h: 14,400 s; no voice, so no talk ratio and n 0.
    expect(tom?.['Response time, email (s)']).toBe('14400');
    expect(tom?.['Agent talk ratio (%)']).toBe('');
    expect(tom?.['Agent talk ratio: n']).toBe('0');
  });

  test('the raw agent CSV has every metric id in catalog order and the scorecard’s values exactly', async () => {
    const text = (await exportFile(users.hr, { kind: 'agents.csv' })).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      ['agentId', 'agentName', 'team', 'from', 'to', 'conversations', ...METRIC_IDS].join(','),
    );
    expect(agentCsvHeader('raw')).toEqual([
      'agentId',
      'agentName',
      'team',
      'from',
      'to',
      'conversations',
      ...METRIC_IDS,
    ]);
    const rows = csvRows(text);
    expect(rows.map((r) => [r.agentId, r.agentName, r.team])).toEqual([
      ['a-1', 'Priya Nair', 'billing'],
      ['a-2', 'Tom Berg', 'orders'],
    ]);
    for (const row of rows) {
      const card = await agentScorecard(database.db, 'default', row.agentId as string, PERIOD);
      expect(row).toMatchObject({
        from: PERIOD.from,
        to: PERIOD.to,
        conversations: String(card.conversations),
      });
      for (const id of METRIC_IDS) {
        const value = card.metrics[id];
        // Unrounded: parsing the cell gives the scorecard's number bit for bit; no data is an empty cell.
        expect(row[id], `${row.agentId} ${id}`).toBe(value === null ? '' : String(value));
        if (value !== null) expect(Number(row[id])).toBe(value);
      }
    }
    const tom = rows.find((r) => r.agentId === 'a-2');
    expect(tom?.interruptionsPerConversation).toBe('');
    expect(tom?.firstResponseMs).toBe('');
  });

  test('a supervisor’s export covers their own team; a team filter keeps that team only', async () => {
    const own = csvRows((await exportFile(users.supervisorBilling, { kind: 'agents.csv' })).toString());
    expect(own.map((r) => r.agentId)).toEqual(['a-1']);
    const orders = csvRows(
      (await exportFile(users.admin, { kind: 'agents.csv', teamId: 'orders' })).toString(),
    );
    expect(orders.map((r) => r.agentId)).toEqual(['a-2']);
  });

  test('the conversation CSV holds each conversation’s own values', async () => {
    const text = (await exportFile(users.hr, { kind: 'conversations.csv' })).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(CONVERSATION_CSV_HEADER.join(','));
    const rows = csvRows(text);
    // Agent by agent (a-1 of billing, then a-2 of orders), each in time order.
    expect(rows.map((r) => r.conversationId)).toEqual(['hw-voice-1', 'hw-chat-1', 'hw-email-1']);
    const voice = rows.find((r) => r.conversationId === 'hw-voice-1');
    expect(voice).toMatchObject({
      agentId: 'a-1',
      team: 'billing',
      channel: 'voice',
      queue: 'billing-en',
      startedAt: '2026-11-02T09:00:00.000Z',
      definitions: 'v2',
      interruptionsPerConversation: '1',
      firstResponseMs: '2900',
      handleTimeMs: '300000',
      // Its own gaps [300, 0, 300]: nearest rank ceil(0.9 · 3) = 3.
      responseTimeP90Ms: '300',
      conversationsPerDay: '',
    });
    expect(Number(voice?.talkRatio)).toBe(5500 / 12600);
    expect(Number(voice?.responseTimeMs)).toBe(200);
    const chat = rows.find((r) => r.conversationId === 'hw-chat-1');
    expect(chat).toMatchObject({ queue: '', talkRatio: '', interruptionsPerConversation: '' });
  });

  test('conversations are read page by page without losing or repeating one', async () => {
    const scope = await authorizeExport(database.db, users.admin, { kind: 'conversations.csv', ...PERIOD });
    const ids = async (pageSize: number) => {
      const seen: string[] = [];
      for await (const facts of conversationFacts(database.db, scope, pageSize))
        seen.push(facts.conversationId);
      return seen;
    };
    expect(await ids(1)).toEqual(['hw-voice-1', 'hw-chat-1', 'hw-email-1']);
    expect(await ids(2)).toEqual(await ids(1_000));
  });

  test('the agent’s PDF packet names the agent, the period, the values as tabled and the coaching', async () => {
    const text = await pdfText(await exportFile(users.hr, { kind: 'review.pdf', agentId: 'a-1' }));
    expect(text).toContain('Review packet');
    expect(text).toContain('Priya Nair');
    expect(text).toContain('Team billing');
    expect(text).toContain('2026-11-01 to 2026-11-30');
    expect(text).toContain('metric definitions v2');
    expect(text).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\)/);
    expect(text).toContain(`Agent talk ratio ${formatMetric(expectedA1.talkRatio, 'ratio')}`);
    // Durations per channel, never pooled (42.1 s would describe neither): the call's gaps 300, 0 and
    // 300 ms are 200 ms; the chat's 60 s and 150 s are 105 s.
    expect(text).toContain(`Response time · voice ${formatMetric(200, 'ms')}`);
    expect(text).toContain(`Response time · chat ${formatMetric(105_000, 'ms')}`);
    expect(text).not.toContain(formatMetric(expectedA1.responseTimeMs, 'ms'));
    expect(text).toContain('Weekly trends');
    // HR sees that coaching happened, never the note (as coaching.list answers HR); the supervisor's packet has it.
    expect(text).not.toContain('Open with an acknowledgement before the fix.');
    const supervisors = await pdfText(
      await exportFile(users.supervisorBilling, { kind: 'review.pdf', agentId: 'a-1' }),
    );
    expect(supervisors).toContain('Open with an acknowledgement before the fix.');
    expect(text).not.toContain('December follow-up');
  });

  test('a team packet has a section per agent of the team; no coaching reads so', async () => {
    const billing = await pdfText(await exportFile(users.supervisorBilling, { kind: 'review.pdf' }));
    expect(billing).toContain('Priya Nair');
    expect(billing).not.toContain('Tom Berg');
    const everyone = await pdfText(await exportFile(systemActor('default'), { kind: 'review.pdf' }));
    expect(everyone).toContain('Priya Nair');
    expect(everyone).toContain('Tom Berg');
    expect(everyone).toContain('No coaching sessions');
  });

  test('agents are refused, even for their own id; a supervisor is refused another team', async () => {
    const refused = (actor: ExportActor, request: Partial<ExportRequest>, code = 'FORBIDDEN') =>
      expect(
        authorizeExport(database.db, actor, { kind: 'agents.csv', ...PERIOD, ...request }),
      ).rejects.toMatchObject({ code });
    await refused(users.agentA1, {});
    await refused(users.agentA1, { agentId: 'a-1' });
    await refused(users.supervisorBilling, { teamId: 'orders' });
    // Another team's agent reads as no agent, as an unknown id does.
    await refused(users.supervisorBilling, { agentId: 'a-2' }, 'NOT_FOUND');
    await refused(users.supervisorBilling, { agentId: 'a-404' }, 'NOT_FOUND');
    await expect(
      authorizeExport(database.db, users.hr, { kind: 'review.pdf', ...PERIOD, agentId: 'nobody' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      authorizeExport(database.db, users.hr, {
        kind: 'review.pdf',
        ...PERIOD,
        teamId: 'billing',
        agentId: 'a-2',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const asAgent = createCaller(createContextInner({ db: database.db, user: users.agentA1 }));
    await expect(
      asAgent.exports.prepare({ kind: 'review.pdf', ...PERIOD, agentId: 'a-1' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const asHr = createCaller(createContextInner({ db: database.db, user: users.hr }));
    await expect(asHr.exports.prepare({ kind: 'review.pdf', ...PERIOD, agentId: 'a-1' })).resolves.toEqual({
      kind: 'review.pdf',
      url: '/exports/review.pdf?from=2026-11-01&to=2026-11-30&agent=a-1',
      fileName: 'rapport-review-a-1-2026-11-01_2026-11-30.pdf',
    });
    await expect(
      asHr.exports.prepare({ kind: 'agents.csv', from: '2026-11-30', to: '2026-11-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  describe('the download route', () => {
    let server: http.Server;
    let base: string;
    const cookieFor = async (key: FixtureUserKey) => {
      const { token } = await createSession(database.db, users[key]);
      return `rapport_session=${encodeURIComponent(token)}`;
    };
    const download = async (kind: ExportKind | string, query: Record<string, string>, cookie?: string) =>
      fetch(`${base}/exports/${kind}?${new URLSearchParams({ ...PERIOD, ...query })}`, {
        headers: cookie ? { cookie } : {},
      });
    const exportAudits = () =>
      database.db
        .selectFrom('audit_log')
        .select(['actor', 'user_id', 'detail'])
        .where('action', '=', 'export')
        .execute();

    beforeAll(async () => {
      server = createApp({ db: database.db });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    test('HR downloads the CSV and the PDF with the session cookie; each download is audited', async () => {
      const before = (await exportAudits()).length;
      const cookie = await cookieFor('hr');

      const csv = await download('agents.csv', { team: 'billing' }, cookie);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toBe(
        'attachment; filename="rapport-agents-billing-2026-11-01_2026-11-30.csv"',
      );
      expect(csv.headers.get('cache-control')).toBe('no-store');
      // The download is the CSV for people: seconds, to the hundredth, each channel apart (her chat's
      // gaps 60 s and 150 s: 105 s).
      const rows = csvRows(await csv.text());
      expect(rows.map((r) => r['Agent ID'])).toEqual(['a-1']);
      expect(rows[0]?.['Response time, chat (s)']).toBe('105');

      const pdf = await download('review.pdf', { agent: 'a-1' }, cookie);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toContain(
        'rapport-review-a-1-2026-11-01_2026-11-30.pdf',
      );
      const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
      expect(text).toContain('Priya Nair');

      const conversations = await download('conversations.csv', {}, cookie);
      expect(csvRows(await conversations.text())).toHaveLength(3);

      const audits = await exportAudits();
      expect(audits.length - before).toBe(3);
      expect(audits.slice(before).map((a) => [a.actor, a.user_id, a.detail])).toEqual([
        [
          'hr@example.com',
          users.hr.id,
          expect.objectContaining({
            kind: 'agents.csv',
            teamId: 'billing',
            agentId: null,
            ...PERIOD,
            via: 'http',
          }),
        ],
        ['hr@example.com', users.hr.id, expect.objectContaining({ kind: 'review.pdf', agentId: 'a-1' })],
        ['hr@example.com', users.hr.id, expect.objectContaining({ kind: 'conversations.csv', teamId: null })],
      ]);

      const asAdmin = createCaller(createContextInner({ db: database.db, user: users.admin }));
      const listed = await asAdmin.audit.list({ limit: 3 });
      expect(listed.map((a) => a.action)).toEqual(['export', 'export', 'export']);
      expect(listed[0]).toMatchObject({ actor: 'hr@example.com', detail: { kind: 'conversations.csv' } });
    });

    test('refusals: no cookie 401, an agent 403, another team 403, a bad period 400, an unknown kind 404', async () => {
      const before = (await exportAudits()).length;
      expect((await download('agents.csv', {})).status).toBe(401);
      expect((await download('agents.csv', {}, 'rapport_session=forged')).status).toBe(401);
      const agent = await download('review.pdf', { agent: 'a-1' }, await cookieFor('agentA1'));
      expect(agent.status).toBe(403);
      expect(await agent.json()).toEqual({ error: expect.stringMatching(/HR/) });
      const supervisor = await cookieFor('supervisorBilling');
      expect((await download('agents.csv', { team: 'orders' }, supervisor)).status).toBe(403);
      expect((await download('agents.csv', { from: '2026-02-30' }, supervisor)).status).toBe(400);
      expect((await download('everything.zip', {}, supervisor)).status).toBe(404);
      const own = await download('agents.csv', {}, supervisor);
      expect(own.status).toBe(200);
      expect(csvRows(await own.text()).map((r) => r['Agent ID'])).toEqual(['a-1']);
      // Only the one export that happened is in the log.
      expect((await exportAudits()).length - before).toBe(1);
    });
  });
});

// The CLI is its own process, and PGlite's folder cannot be open in two processes: PostgreSQL only.
describe('the export CLI on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the CLI writes the file and audits it as "cli"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-export-'));
    try {
      const out = path.join(dir, 'billing.pdf');
      const args = ['export', '--from', PERIOD.from, '--to', PERIOD.to, '--team', 'billing'];
      const pdf = rapport([...args, '--format', 'pdf', '--out', out], database.env);
      expect(pdf.stderr).toBe('');
      expect(pdf.code).toBe(0);
      expect(JSON.parse(pdf.stdout)).toMatchObject({ file: out, kind: 'review.pdf' });
      expect(await pdfText(fs.readFileSync(out))).toContain('Priya Nair');

      const csvOut = path.join(dir, 'conversations.csv');
      const csv = rapport(
        [...args, '--format', 'csv', '--kind', 'conversations', '--out', csvOut],
        database.env,
      );
      expect(csv.code).toBe(0);
      expect(csvRows(fs.readFileSync(csvOut, 'utf8')).map((r) => r.conversationId)).toEqual([
        'hw-voice-1',
        'hw-chat-1',
      ]);

      // The agents CSV is for people by default, and for scripts with --raw (DESIGN.md).
      const agentsOut = path.join(dir, 'agents.csv');
      expect(rapport([...args, '--format', 'csv', '--out', agentsOut], database.env).code).toBe(0);
      expect(csvRows(fs.readFileSync(agentsOut, 'utf8'))[0]?.['Response time, voice (s)']).toBe('0.2');
      expect(rapport([...args, '--format', 'csv', '--raw', '--out', agentsOut], database.env).code).toBe(0);
      expect(Number(csvRows(fs.readFileSync(agentsOut, 'utf8'))[0]?.responseTimeMs)).toBe(
        expectedA1.responseTimeMs,
      );

      const bad = rapport([...args, '--format', 'xlsx', '--out', csvOut], database.env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--format expects csv or pdf/);

      const audits = await database.db
        .selectFrom('audit_log')
        .select(['actor', 'user_id', 'detail'])
        .where('actor', '=', 'cli')
        .orderBy('id')
        .execute();
      expect(audits).toEqual([
        { actor: 'cli', user_id: null, detail: expect.objectContaining({ kind: 'review.pdf', via: 'cli' }) },
        { actor: 'cli', user_id: null, detail: expect.objectContaining({ kind: 'conversations.csv' }) },
        { actor: 'cli', user_id: null, detail: expect.objectContaining({ kind: 'agents.csv' }) },
        { actor: 'cli', user_id: null, detail: expect.objectContaining({ kind: 'agents.csv' }) },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
