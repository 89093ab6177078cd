import { createReadStream } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, MAX_ROWS_PER_CONVERSATION, parseTurnsCsv } from './csv.ts';
import { type ParsedItem, parseJsonl } from './jsonl.ts';

const fixture = (name: string) => createReadStream(new URL(`./fixtures/${name}`, import.meta.url));
const HEADER = CSV_COLUMNS.join(',');

async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const all: ParsedItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

const parseText = (text: string) => collect(parseTurnsCsv(chunks(text)));
const summary = (items: ParsedItem[]) =>
  items.map((i) => ('record' in i ? `${i.line}:${i.record.id}` : `${i.line}:error`));
const errorAt = (items: ParsedItem[], line: number) => {
  const item = items.find((i) => i.line === line && 'error' in i);
  return item && 'error' in item ? item.error : `no error on line ${line}: ${JSON.stringify(items)}`;
};

/** One CSV row of conversation `id`; `over` replaces columns by name. */
function row(id: string, over: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}): string {
  const base: Record<(typeof CSV_COLUMNS)[number], string> = {
    conversation_id: id,
    channel: 'chat',
    started_at: '2026-11-02T10:00:00Z',
    ended_at: '2026-11-02T10:05:00Z',
    agent_id: 'a-1',
    agent_name: 'Ana',
    agent_team: 'billing',
    customer_id: '',
    customer_name: '',
    queue: '',
    speaker: 'agent',
    text: 'Hello',
    start_ms: '0',
    end_ms: '',
  };
  return CSV_COLUMNS.map((column) => over[column] ?? base[column]).join(',');
}
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

describe('parseTurnsCsv', () => {
  test('groups the rows of each conversation into one record, at the line where it starts', async () => {
    const items = await collect(parseTurnsCsv(fixture('turns.csv')));
    expect(summary(items)).toEqual(['2:c-1001', '4:c-1002', '8:c-1003']);
  });

  test('reads the same conversation as its JSONL form (which adds events and a survey)', async () => {
    const [fromCsv] = await collect(parseTurnsCsv(fixture('turns.csv')));
    const [fromJsonl] = await collect(parseJsonl(fixture('conversations.jsonl')));
    if (!fromCsv || !('record' in fromCsv) || !fromJsonl || !('record' in fromJsonl))
      throw new Error('no records');
    const { events: _events, survey: _survey, ...plain } = fromJsonl.record;
    expect(fromCsv.record).toEqual(plain);
  });

  test('keeps commas, doubled quotes and line breaks inside quoted text', async () => {
    const items = await collect(parseTurnsCsv(fixture('turns.csv')));
    const texts = items.flatMap((i) => ('record' in i ? i.record.turns.map((t) => t.text) : []));
    expect(texts).toContain('Where is my parcel?\nIt was due "yesterday", at 10, then 12.');
    expect(texts).toContain('Done,\n\nthe refund follows within 3 days.');
    const chat = items[1];
    expect(chat && 'record' in chat && chat.record.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual(
      [
        ['system', 0, null],
        ['customer', 4000, null],
        ['agent', 21000, null],
      ],
    );
  });

  test.each([1, 2, 5, 64, 100_000])(
    'counts lines right with CRLF and LF endings mixed, blank lines and CRLF inside quoted text (chunks of %i)',
    async (size) => {
      const text = [
        HEADER,
        row('a', { text: '"one\r\ntwo"' }),
        '',
        row('b'),
        row('b', { text: '"x,\n\ny"' }),
        '',
        '',
        `${row('c')}\n${row('d')}`,
        row('e', { text: '"\r\n"' }),
        row('f', { start_ms: 'bad' }),
      ].join('\r\n');
      const parts: string[] = [];
      for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
      const items = await collect(parseTurnsCsv(chunks(...parts)));
      expect(summary(items)).toEqual(['2:a', '5:b', '11:c', '12:d', '13:e', '15:error']);
      const first = items[0];
      expect(first && 'record' in first && first.record.turns[0]?.text).toBe('one\r\ntwo');
    },
  );

  test.each([
    ['an empty file', ''],
    ['a header only', `${HEADER}\n`],
    ['a header and blank lines', `${HEADER}\n\n\n`],
  ])('yields nothing for %s', async (_name, text) => {
    expect(await parseText(text)).toEqual([]);
  });

  test.each([
    [
      'rows that disagree on a conversation-level column',
      csv(row('c'), row('c', { agent_id: 'a-2', speaker: 'customer' })),
      3,
      /^conversation "c" \(lines 2-3\) rejected: line 3, column agent_id: "a-2" differs from "a-1" on line 2; every row of a conversation must repeat the same agent_id$/,
    ],
    [
      'a time that is not whole milliseconds',
      csv(row('c'), row('c', { start_ms: '2.6s' })),
      3,
      /^conversation "c" \(lines 2-3\) rejected: line 3, column start_ms: expected whole milliseconds such as 2600 \(found "2.6s"\)$/,
    ],
    [
      'a negative time',
      csv(row('c', { start_ms: '-5' })),
      2,
      /line 2, column start_ms: expected a number ≥ 0 \(found "-5"\)/,
    ],
    [
      'an end before the start',
      csv(row('c'), row('c', { start_ms: '900', end_ms: '100' })),
      3,
      /line 3, column end_ms: endMs must be ≥ startMs \(found "100"\)/,
    ],
    [
      'an unknown speaker',
      csv(row('c', { speaker: 'bot' })),
      2,
      /line 2, column speaker: .*"agent"\|"customer"\|"system" \(found "bot"\)/,
    ],
    [
      'an end of conversation before its start',
      csv(row('c', { ended_at: '2026-11-02T09:00:00Z' })),
      2,
      /line 2, column ended_at: endedAt must not be before startedAt \(found "2026-11-02T09:00:00Z"\)/,
    ],
    [
      'a date without time zone',
      csv(row('c', { started_at: '2026-11-02 10:00' })),
      2,
      /line 2, column started_at: expected an ISO 8601 date-time such as 2026-11-02T09:15:00Z \(found "2026-11-02 10:00"\)/,
    ],
    [
      'an empty agent id',
      csv(row('c', { agent_id: '' })),
      2,
      /line 2, column agent_id: .*\(found an empty cell\)/,
    ],
    [
      'a row with a field too many',
      csv(row('c'), row('c', { text: 'Hello, world' })),
      3,
      /line 3: expected 14 fields as in the header, found 15 \(a comma in an unquoted text\?\)/,
    ],
    [
      'rows of one conversation that are not contiguous',
      csv(row('c'), row('d'), row('c')),
      4,
      /^conversation "c" \(line 4\) rejected: line 4, column conversation_id: this conversation appears again after rows of other conversations/,
    ],
  ])('rejects %s, naming the line and column', async (_name, text, line, reason) => {
    expect(errorAt(await parseText(text), line)).toMatch(reason);
  });

  test('rejects a bad conversation whole and keeps the good ones around it', async () => {
    const items = await parseText(
      csv(
        row('ok-1'),
        row('bad'),
        row('bad', { start_ms: 'soon' }),
        row('bad', { speaker: 'x' }),
        row('ok-2'),
      ),
    );
    expect(summary(items)).toEqual(['2:ok-1', '4:error', '6:ok-2']);
    expect(errorAt(items, 4)).toMatch(
      /^conversation "bad" \(lines 3-5\) rejected: line 4, column start_ms: .*found "soon"/,
    );
  });

  test('names up to three problems and counts the rest', async () => {
    const bad = { start_ms: 'x' };
    const items = await parseText(
      csv(row('c', bad), row('c', bad), row('c', bad), row('c', bad), row('c', bad)),
    );
    expect(errorAt(items, 2)).toMatch(/line 2, .*; line 3, .*; line 4, .*; and 2 more$/);
  });

  test.each([
    ['a missing required column', HEADER.replace(',text', ''), /missing required column\(s\) text/],
    ['an unknown column', `${HEADER},mood`, /unknown column\(s\) "mood"/],
    ['a repeated column', `${HEADER},queue`, /repeated column\(s\) queue/],
    [
      'data instead of a header',
      row('c'),
      /the first row must be the header: unknown column\(s\) "c", "chat"/,
    ],
  ])('rejects the file once for %s in the header', async (_name, header, reason) => {
    const items = await parseText(`${header}\n${row('c')}\n`);
    expect(items).toHaveLength(1);
    expect(errorAt(items, 1)).toMatch(reason);
  });

  test('accepts header names in any order and case, and leaves out optional columns', async () => {
    const header = 'Speaker,text,START_MS,conversation_id,channel,started_at,ended_at,agent_id';
    const items = await parseText(
      `${header}\nAgent,Hi,0,c,CHAT,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,a-1\n`,
    );
    expect(items).toEqual([
      {
        line: 2,
        record: {
          id: 'c',
          channel: 'chat',
          startedAt: '2026-01-01T00:00:00Z',
          endedAt: '2026-01-01T00:01:00Z',
          agent: { id: 'a-1' },
          turns: [{ speaker: 'agent', text: 'Hi', startMs: 0, endMs: null }],
        },
      },
    ]);
  });

  test('stops at a quote that is never closed, after the conversations before it', async () => {
    const items = await parseText(
      csv(row('ok'), row('cut'), row('cut', { text: '"never closed' }), row('next')),
    );
    expect(summary(items)).toEqual(['2:ok', '4:error', '4:error']);
    expect(items[1] && 'error' in items[1] && items[1].error).toMatch(
      /^conversation "cut" \(line 3\) rejected: line 4: the file stops being readable here/,
    );
    expect(items[2] && 'error' in items[2] && items[2].error).toBe(
      'the row starting on line 4 opens a quoted field that is never closed (a missing closing "?); nothing from line 4 on was read',
    );
  });

  test(`rejects a conversation of more than ${MAX_ROWS_PER_CONVERSATION} rows without holding them`, async () => {
    async function* manyRows(): AsyncGenerator<string> {
      yield `${HEADER}\n`;
      for (let i = 0; i <= MAX_ROWS_PER_CONVERSATION; i += 1) yield `${row('', { start_ms: String(i) })}\n`;
      yield `${row('after')}\n`;
    }
    const items = await collect(parseTurnsCsv(manyRows()));
    expect(summary(items)).toEqual(['2:error', `${MAX_ROWS_PER_CONVERSATION + 3}:after`]);
    expect(errorAt(items, 2)).toMatch(/more than 20000 rows share this conversation_id/);
  });

  test('streams: the first conversations arrive long before an endless source is exhausted', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<string> {
      yield `${HEADER}\n`;
      for (;;) {
        produced += 1;
        yield `${row(`c-${produced}`)}\n`;
      }
    }
    let consumed = 0;
    for await (const item of parseTurnsCsv(endless())) {
      expect('record' in item).toBe(true);
      consumed += 1;
      if (consumed === 500) break;
    }
    expect(produced).toBeLessThan(10_000);
  });
});
