import { describe, expect, test } from 'vitest';
import { SNIPPET_CONTEXT, snippetAround } from './snippet.ts';

describe('snippetAround', () => {
  test('a short turn is kept whole, the match located whatever its case', () => {
    const snippet = snippetAround("Sorry, your order hasn't shipped.", "ORDER HASN'T", 3);
    // "Sorry, your " is 12 characters, "order hasn't" 12 more.
    expect(snippet).toEqual({ turnIndex: 3, text: "Sorry, your order hasn't shipped.", match: [12, 24] });
  });

  test('a long turn is cut at word boundaries around the match, with ellipses', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu';
    const text = `${words} refund ${words}`;
    const snippet = snippetAround(text, 'refund', 0);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [start, end] = snippet.match ?? [0, 0];
    expect(snippet.text.slice(start, end)).toBe('refund');
    // Whole words only: the piece after the ellipsis starts a word and the piece before it ends one.
    expect(text.includes(snippet.text.slice(1, -1))).toBe(true);
    expect(snippet.text[1]).not.toBe(' ');
    expect(start - 1).toBeLessThanOrEqual(SNIPPET_CONTEXT);
    expect(snippet.text.length - 1 - end).toBeLessThanOrEqual(SNIPPET_CONTEXT);
  });

  test('special characters are searched as themselves', () => {
    expect(snippetAround('It is 100%_ sure (really).', '100%_', 0).match).toEqual([6, 11]);
    expect(snippetAround('a (b) c', '(b)', 0).match).toEqual([2, 5]);
  });

  test('text that folds differently from the database is shown without a match', () => {
    expect(snippetAround('nothing here', 'xyz', 1)).toEqual({
      turnIndex: 1,
      text: 'nothing here',
      match: null,
    });
  });
});
