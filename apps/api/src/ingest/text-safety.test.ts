import { describe, expect, test } from 'vitest';
import { findUnstorableText, invalidUtf8Offset, printable } from './text-safety.ts';

describe('invalidUtf8Offset', () => {
  test.each([
    ['ASCII', [0x61, 0x62], null],
    ['two, three and four byte characters', [...Buffer.from('é€😀')], null],
    ['a gzip header', [0x1f, 0x8b, 0x08, 0x00], 1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong slash (C0 AF)', [0x61, 0xc0, 0xaf], 1],
    ['an encoded surrogate (ED A0 80)', [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ['a code point past U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut off at the end', [0x61, 0xe2, 0x82], 1],
    ['Latin-1 é', [0x63, 0x61, 0x66, 0xe9], 3],
  ])('%s', (_name, bytes, expected) => {
    expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('findUnstorableText', () => {
  test.each([
    [
      { turns: [{ text: 'fine' }, { text: 'bad \u0000' }] },
      { path: 'turns.1.text', problem: 'contains a NUL character' },
    ],
    [{ id: 'x\ud800' }, { path: 'id', problem: 'contains a lone UTF-16 surrogate (not valid Unicode)' }],
    [{ id: 'x\udc00y' }, { path: 'id', problem: 'contains a lone UTF-16 surrogate (not valid Unicode)' }],
    [
      { events: [{ 'a\u0000': 1 }] },
      { path: 'events.0', problem: 'has a key that contains a NUL character' },
    ],
    [{ id: 'emoji 😀 is a pair, not a lone surrogate' }, null],
  ])('%j', (value, expected) => {
    expect(findUnstorableText(value)).toEqual(expected);
  });

  test('a deeply nested value is walked without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}"\\u0000"${']'.repeat(1_000_000)}`);
    expect(findUnstorableText(deep)).toEqual({
      path: '0.0.0.0.0.0.0.0.0.0.0.0.…',
      problem: 'contains a NUL character',
    });
  });
});

test('printable writes NUL, control characters and lone surrogates as escapes, keeps the rest', () => {
  expect(printable('a\u0000b\u0007c\ud800d 😀\ttab\nline')).toBe('a\\u0000b\\u0007c\\ud800d 😀\ttab\nline');
});
