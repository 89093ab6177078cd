import { createReadStream } from 'node:fs';
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
