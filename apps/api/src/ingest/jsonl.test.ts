import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { type ParsedItem, parseJsonl } from './jsonl.ts';

const fixture = (name: string) => createReadStream(new URL(`./fixtures/${name}`, import.meta.url));

async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const all: ParsedItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

describe('parseJsonl', () => {
  test('reads every conversation of a good file with its line number, skipping blank lines', async () => {
    const items = await collect(parseJsonl(fixture('conversations.jsonl')));
    expect(items.map((item) => [item.line, 'record' in item ? item.record.id : item.error])).toEqual([
      [1, 'c-1001'],
      [3, 'c-1002'],
      [4, 'c-1003'],
    ]);
    const first = items[0];
    expect(first && 'record' in first && first.record.events?.map((e) => e.type)).toEqual([
      'transfer',
      'promise',
      'follow_up',
      'resolved',
      'survey_sent',
    ]);
  });

  test.each([
    [2, /^invalid JSON: .*JSON/],
    [3, /^endedAt: endedAt must not be before startedAt \(found "2026-11-02T09:00:00Z"\)$/],
    [5, /^turns: expected at least one turn \(found \[\]\)$/],
    [
      6,
      /^channel: .*"voice"\|"chat"\|"email" \(found "fax"\); turns\.0\.speaker: .*\(found "bot"\); turns\.0\.startMs: expected a number ≥ 0 \(found -5\)$/,
    ],
  ])('rejects line %i with a reason a person can act on', async (line, reason) => {
    const items = await collect(parseJsonl(fixture('bad-lines.jsonl')));
    const item = items.find((i) => i.line === line);
    expect(item && 'error' in item && item.error).toMatch(reason);
  });

  test('keeps the good records around the bad lines', async () => {
    const items = await collect(parseJsonl(fixture('bad-lines.jsonl')));
    expect(items.map((i) => ('record' in i ? `${i.line}:${i.record.id}` : `${i.line}:error`))).toEqual([
      '1:ok-1',
      '2:error',
      '3:error',
      '5:error',
      '6:error',
      '7:ok-2',
    ]);
  });

  test.each([
    ['an empty file', ''],
    ['blank lines only', '\n  \n\r\n\t\n'],
  ])('yields nothing for %s', async (_name, text) => {
    expect(await collect(parseJsonl(chunks(text)))).toEqual([]);
  });

  test('joins lines split across chunks and handles a byte order mark and CRLF endings', async () => {
    const record =
      '{"id":"x","channel":"chat","startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:00:01Z","agent":{"id":"a"},"turns":[{"speaker":"agent","text":"hi","startMs":0}]}';
    const text = `\uFEFF${record}\r\n\r\n${record.replace('"x"', '"y"')}\r\n`;
    const items = await collect(parseJsonl(chunks(text.slice(0, 50), text.slice(50, 200), text.slice(200))));
    expect(items.map((i) => ('record' in i ? `${i.line}:${i.record.id}` : i.error))).toEqual(['1:x', '3:y']);
  });

  test('streams: the first records arrive long before an endless source is exhausted', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<string> {
      for (;;) {
        produced += 1;
        yield `{"line":${produced}}\n`;
      }
    }
    let consumed = 0;
    for await (const _item of parseJsonl(endless())) {
      consumed += 1;
      if (consumed === 1000) break;
    }
    expect(produced).toBeLessThan(100_000);
  });

  test('passes on an error of the underlying stream after the lines read so far', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield '{"id":1}\n';
      throw new Error('disk gone');
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const item of parseJsonl(failing())) seen.push(item.line);
    }).rejects.toThrow('disk gone');
    expect(seen).toEqual([1]);
  });
});

describe('parseJsonl at the byte boundary', () => {
  const good = (id: string) =>
    JSON.stringify({
      id,
      channel: 'chat',
      startedAt: '2026-11-02T09:00:00Z',
      endedAt: '2026-11-02T09:05:00Z',
      agent: { id: 'a-1' },
      turns: [{ speaker: 'agent', text: 'Hello', startMs: 0 }],
    });
  const outcomes = (items: ParsedItem[]) =>
    items.map((item) => [item.line, 'record' in item ? item.record.id : item.error]);

  test('invalid UTF-8, NUL (raw or escaped) and lone surrogates are refused per line with where, never replaced', async () => {
    const lines = [
      Buffer.from(good('ok-1')),
      Buffer.concat([Buffer.from(good('latin-1').slice(0, 20)), Buffer.from([0xe9]), Buffer.from('"}')]),
      Buffer.from(`a${'\u0000'}b`),
      Buffer.from(good('escaped-nul').replace('Hello', 'Hel\\u0000lo')),
      Buffer.from(good('surrogate').replace('Hello', 'Hel\\ud800lo')),
      Buffer.from(good('ok-2')),
    ];
    const bytes = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
    // One byte a chunk: a character cut between chunks is still read whole.
    const items = await collect(parseJsonl(Readable.from([...bytes].map((b) => Buffer.from([b])))));
    expect(outcomes(items)).toEqual([
      [1, 'ok-1'],
      [
        2,
        'the line is not valid UTF-8 at byte 21 (a compressed or binary file? Unpack or convert it to UTF-8 text first)',
      ],
      [3, 'the line contains a NUL character at byte 2 (a binary file?)'],
      [4, 'turns.0.text: contains a NUL character'],
      [5, 'turns.0.text: contains a lone UTF-16 surrogate (not valid Unicode)'],
      [6, 'ok-2'],
    ]);
  });

  test('a gzip file is refused line by line as not UTF-8', async () => {
    const gzip = gzipSync(Buffer.from(`${good('a')}\n${good('b')}\n`));
    const items = await collect(parseJsonl(Readable.from([gzip])));
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toEqual({
      line: 1,
      error: expect.stringMatching(/^the line is not valid UTF-8 at byte 2 /),
    });
    expect(items.every((item) => 'error' in item)).toBe(true);
  });

  test('a line over 5 MB is refused without being held, and the next line is read', async () => {
    const huge = `{"id":"${'x'.repeat(6 * 1024 * 1024)}"}`;
    const pieces = [good('before'), '\n', ...(huge.match(/[\s\S]{1,65536}/g) ?? []), '\n', good('after')];
    const items = await collect(parseJsonl(Readable.from(pieces)));
    expect(outcomes(items)).toEqual([
      [1, 'before'],
      [2, 'the line is longer than 5 MB, the limit for one record'],
      [3, 'after'],
    ]);
  });

  test.each([
    [
      'a turn over 100,000 characters',
      { turns: [{ speaker: 'agent', text: 'a'.repeat(100_001), startMs: 0 }] },
      /^turns\.0\.text: a turn's text is limited to 100,000 characters \(found "a{60}"… \(100,001 characters\)\)$/,
    ],
    [
      'over 10,000 turns',
      { turns: Array.from({ length: 10_001 }, () => ({ speaker: 'agent', text: 'a', startMs: 0 })) },
      /^turns: a conversation is limited to 10,000 turns \(found an array of 10,001 items\)$/,
    ],
    [
      'an agent id over 1,000 characters',
      { agent: { id: 'a'.repeat(1_001) } },
      /^agent\.id: expected an agent id of at most 1,000 characters/,
    ],
  ])('%s is refused with the limit named', async (_name, patch, message) => {
    const [item] = await collect(
      parseJsonl(chunks(JSON.stringify({ ...JSON.parse(good('big')), ...patch }))),
    );
    expect(item).toEqual({ line: 1, error: expect.stringMatching(message) });
  });
});

describe('parseJsonl dates', () => {
  const at = (startedAt: string, endedAt = startedAt) =>
    JSON.stringify({
      id: 'd',
      channel: 'chat',
      startedAt,
      endedAt,
      agent: { id: 'a-1' },
      turns: [{ speaker: 'agent', text: 'Hello', startMs: 0 }],
    });
  test.each([
    ['9999-12-31T00:00:00Z', /^startedAt: startedAt must fall between 2000-01-01 and one year from today/],
    ['1999-12-31T23:59:59Z', /^startedAt: startedAt must fall between 2000-01-01/],
    ['0001-01-01T00:00:00Z', /^startedAt: startedAt must fall between 2000-01-01/],
  ])('a conversation started %s is refused', async (startedAt, message) => {
    const [item] = await collect(parseJsonl(chunks(at(startedAt))));
    expect(item).toEqual({ line: 1, error: expect.stringMatching(message) });
  });

  test('2000-01-01 and a day within the coming year are accepted', async () => {
    const soon = new Date(Date.now() + 300 * 86_400_000).toISOString();
    const items = await collect(parseJsonl(chunks(`${at('2000-01-01T00:00:00Z')}\n${at(soon)}`)));
    expect(items.every((item) => 'record' in item)).toBe(true);
  });
});
