import { Readable } from 'node:stream';
import { METRIC_IDS, type MetricId, peerMedians } from '@rapport/metrics';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { type AgentPeriod, agentCsvHeader, agentCsvRecord } from './agents-csv.ts';
import { type ConversationFacts, conversationMetricValue } from './conversations-csv.ts';
import { type CsvCell, csvStream, textCell } from './csv.ts';
import { exportDownloadUrl, exportFileName, exportKindOf, exportRequestFromUrl } from './export-request.ts';
import { weeklyTrends } from './review-packet.ts';
import { pdfText } from './review-pdf.ts';

async function csvText(header: readonly string[], rows: CsvCell[][]): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of Readable.from(rows).pipe(csvStream(header))) chunks.push(String(chunk));
  return chunks.join('');
}

describe('CSV', () => {
  test('RFC 4180: CRLF records, quotes only where needed, empty cells for null, numbers unrounded', async () => {
    const text = await csvText(
      ['a', 'b', 'c', 'd'],
      [
        ['x, y', 'say "hi"', null, 0.1 + 0.2],
        ['two\nlines', '', -3, 1e-7],
      ],
    );
    expect(text).toBe('a,b,c,d\r\n"x, y","say ""hi""",,0.30000000000000004\r\n"two\nlines",,-3,1e-7\r\n');
  });

  test.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-x', "'-x"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\n=1', "'\n=1"],
    [' =1+1', "' =1+1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['team;=cmd|calc', "'team;=cmd|calc"],
    ['a; b', 'a; b'],
    ['Priya Nair', 'Priya Nair'],
    ['', null],
    [null, null],
  ])('text cell %j → %j', (value, expected) => {
    expect(textCell(value)).toBe(expected);
  });

  test('read back with `,` or `;` as the separator, no cell of hostile text starts a formula', async () => {
    const hostile = [
      '=1+1',
      '+1',
      '-1',
      '@x',
      '\t=1',
      '\r=1',
      '\n=1',
      ' =1',
      '＝1',
      '＋1',
      '－1',
      '＠x',
      'a;=1',
      'a; -1',
    ];
    const text = await csvText(
      ['name'],
      hostile.map((value) => [textCell(value)]),
    );
    for (const delimiter of [',', ';']) {
      const cells = (parse(text, { delimiter, relax_column_count: true }) as string[][]).slice(1).flat();
      expect(cells.length, delimiter).toBe(hostile.length);
      for (const cell of cells) expect(cell, `${delimiter} ${JSON.stringify(cell)}`).toMatch(/^'/);
    }
  });

  /** One call: its totals are the agent's over every channel and over voice alike. */
  const totals = {
    conversations: 1,
    activeDays: 1,
    sums: { talkRatio: { num: 1, den: 3 }, responseTimeMs: { num: 84_250, den: 2 } },
    // n is the number of conversations behind a value: here the one conversation.
    counts: { talkRatio: 1, responseTimeMs: 1 },
    responseGapsMs: [],
  };
  const noTotals = { conversations: 0, activeDays: 0, sums: {}, responseGapsMs: [] };
  const noMedians = peerMedians([], 'a-1');
  const oneAgent: AgentPeriod = {
    agentId: 'a-1',
    agentName: 'Priya Nair',
    teamId: 'billing',
    totals,
    // Two teammates with a talk ratio, 0.25 and 0.5: their median is 0.375.
    teamMedians: { ...noMedians, talkRatio: { median: 0.375, peers: 2, minConversations: 5 } },
    byChannel: {
      // Two teammates' voice response times, 30 s and 40 s: their median is 35 s.
      voice: {
        totals,
        teamMedians: {
          ...noMedians,
          responseTimeMs: { median: 35_000, peers: 2, minConversations: 5 },
        },
      },
      chat: { totals: noTotals, teamMedians: noMedians },
      email: { totals: noTotals, teamMedians: noMedians },
    },
  };

  test('a raw agent row: who, the period, then every metric id in catalog order, in catalog units', () => {
    const record = agentCsvRecord(oneAgent, { from: '2026-11-01', to: '2026-11-30' }, 'raw');
    expect(record).toHaveLength(agentCsvHeader('raw').length);
    expect(record.slice(0, 6)).toEqual(['a-1', 'Priya Nair', 'billing', '2026-11-01', '2026-11-30', 1]);
    expect(record[6 + METRIC_IDS.indexOf('talkRatio')]).toBe(1 / 3);
    expect(record[6 + METRIC_IDS.indexOf('responseTimeMs')]).toBe(42_125);
    expect(record[6 + METRIC_IDS.indexOf('csat')]).toBeNull();
    expect(record[6 + METRIC_IDS.indexOf('conversationsPerDay')]).toBe(1);
  });

  test('an agent row for people: seconds and percent under headings with units, n and team median beside', () => {
    const header = agentCsvHeader('people');
    const record = agentCsvRecord(oneAgent, { from: '2026-11-01', to: '2026-11-30' }, 'people');
    expect(record).toHaveLength(header.length);
    expect(header.slice(0, 6)).toEqual(['Agent ID', 'Agent', 'Team', 'From', 'To', 'Conversations']);
    const cell = (heading: string) => record[header.indexOf(heading)];
    // 1 / 3 of the talk: 33.3 %, over 1 conversation; the team's median 0.375 is 37.5 %.
    expect(cell('Agent talk ratio (%)')).toBe(33.3);
    expect(cell('Agent talk ratio: n')).toBe(1);
    expect(cell('Agent talk ratio: team median (%)')).toBe(37.5);
    // A duration per channel, never pooled: 84,250 ms over 2 voice responses is 42.125 s, shown to the
    // hundredth; no chat or email, so empty cells with n 0 there.
    expect(header).not.toContain('Response time (s)');
    expect(cell('Response time, voice (s)')).toBe(42.13);
    expect(cell('Response time, voice: n')).toBe(1);
    expect(cell('Response time, voice: team median (s)')).toBe(35);
    expect(cell('Response time, chat (s)')).toBeNull();
    expect(cell('Response time, chat: n')).toBe(0);
    expect(cell('Response time, email: team median (s)')).toBeNull();
    expect(header.filter((h) => h.startsWith('First response,'))).toEqual([
      'First response, voice (s)',
      'First response, voice: n',
      'First response, voice: team median (s)',
      'First response, chat (s)',
      'First response, chat: n',
      'First response, chat: team median (s)',
      'First response, email (s)',
      'First response, email: n',
      'First response, email: team median (s)',
    ]);
    expect(cell('CSAT (score)')).toBeNull();
    expect(cell('CSAT: n')).toBe(0);
  });
});

describe('a conversation’s own metric values', () => {
  const facts: ConversationFacts = {
    conversationId: 'c-1',
    agentId: 'a-1',
    teamId: 'billing',
    channel: 'voice',
    queue: null,
    startedAt: '2026-11-02T09:00:00.000Z',
    responseGapsMs: [300, 0, 300],
    definitions: 2,
    fractions: { talkRatio: { num: 5500, den: 12600 }, promiseKeptRate: { num: 0, den: 0 } },
  };
  test.each<[MetricId, number | null]>([
    ['talkRatio', 5500 / 12600],
    ['promiseKeptRate', null],
    ['csat', null],
    ['responseTimeP90Ms', 300],
    ['conversationsPerDay', null],
  ])('%s → %s', (id, expected) => {
    expect(conversationMetricValue(facts, id)).toBe(expected);
  });
});

describe('requests', () => {
  test.each([
    ['csv', undefined, 'agents.csv'],
    ['csv', 'conversations', 'conversations.csv'],
    ['pdf', undefined, 'review.pdf'],
  ])('--format %s --kind %s → %s', (format, kind, expected) => {
    expect(exportKindOf(format, kind)).toBe(expected);
  });

  test.each([
    ['xlsx', undefined],
    [undefined, undefined],
    ['pdf', 'conversations'],
    ['csv', 'everything'],
  ])('--format %s --kind %s is refused', (format, kind) => {
    expect(() => exportKindOf(format, kind)).toThrow();
  });

  test('file names say what, for whom and when, in header-safe characters', () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(exportFileName({ kind: 'agents.csv', ...period, teamId: undefined, agentId: undefined })).toBe(
      'rapport-agents-all-teams-2026-11-01_2026-11-30.csv',
    );
    expect(exportFileName({ kind: 'review.pdf', ...period, teamId: 'billing', agentId: 'a "1"/x' })).toBe(
      'rapport-review-a-1-x-2026-11-01_2026-11-30.pdf',
    );
  });

  test('the download URL parses back to the same request', () => {
    const request = {
      kind: 'review.pdf' as const,
      from: '2026-11-01',
      to: '2026-11-30',
      teamId: 'b&o',
      agentId: 'a-1',
    };
    expect(exportRequestFromUrl(new URL(exportDownloadUrl(request), 'http://x'))).toEqual(request);
  });
});

describe('the review packet', () => {
  test('weeks without data stay gaps, never zeros; the team line is the week’s peer median', () => {
    const csat = (num: number, n: number) => ({
      conversations: n,
      activeDays: 1,
      sums: { csat: { num, den: n } },
      counts: { csat: n },
      responseGapsMs: [],
    });
    const trends = weeklyTrends(
      { from: '2026-11-04', to: '2026-11-20' },
      'a-1',
      [{ week: '2026-11-09', totals: csat(4, 1) }],
      [
        // a-1 is left out of their own team line; b (3.0 over 5) and c (5.0 over 6) make it 4.0, d (4
        // conversations) is too few to count.
        { week: '2026-11-09', agentId: 'a-1', totals: csat(4, 1) },
        { week: '2026-11-09', agentId: 'b', totals: csat(15, 5) },
        { week: '2026-11-09', agentId: 'c', totals: csat(30, 6) },
        { week: '2026-11-16', agentId: 'd', totals: csat(4, 4) },
      ],
      ['csat'],
    );
    expect(trends).toEqual([
      {
        metric: 'csat',
        channel: null,
        points: [
          { week: '2026-11-02', value: null, team: null },
          { week: '2026-11-09', value: 4, team: 4 },
          { week: '2026-11-16', value: null, team: null },
        ],
      },
    ]);
  });

  test.each([
    ['Priya Nair', 'Priya Nair'],
    ['José Ñúñez · 2 €', 'José Ñúñez · 2 €'],
    ['Zhang Wěi', 'Zhang Wei'],
    ['张伟', '??'],
  ])('%s prints as %s with the built-in fonts', (text, expected) => {
    expect(pdfText(text)).toBe(expected);
  });
});
