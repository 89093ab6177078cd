import { describe, expect, test } from 'vitest';
import { findHits, segmentText } from './highlight.ts';

describe('findHits', () => {
  test.each([
    // "my order hasn't arrived": "order hasn't" is characters 3–15.
    ["my order hasn't arrived", "ORDER HASN'T", [[3, 15]]],
    [
      'Order, order, ORDER',
      'order',
      [
        [0, 5],
        [7, 12],
        [14, 19],
      ],
    ],
    ['100%_ sure', '100%_', [[0, 5]]],
    ['anything', 'a', []],
    ['anything', undefined, []],
  ])('%s / %s', (text, query, spans) => {
    expect(findHits(text, query).map((h) => [h.start, h.end])).toEqual(spans);
  });

  test('hits and flags cut the same text: each piece knows both', () => {
    const text = 'I cannot do that';
    const flag = { start: 2, end: 8, kind: 'flag' as const };
    const pieces = segmentText(text, [flag, ...findHits(text, 'not do')]);
    expect(pieces.map((p) => [p.text, p.covering.length])).toEqual([
      ['I ', 0],
      ['can', 1],
      ['not', 2],
      [' do', 1],
      [' that', 0],
    ]);
  });
});
