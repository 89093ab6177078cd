import { describe, expect, test } from 'vitest';
import { countWords, normalizePhrase, sentences, words } from './text.ts';

describe('words', () => {
  test.each([
    ['', 0],
    ['Hello', 1],
    ["I can't", 2],
    ['I can’t', 2],
    ['Mary-Jane paid €20.50', 5],
    ['  many   spaces\nand lines ', 4],
    ['Ça va très bien', 4],
    ['...!?', 0],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});

describe('sentences', () => {
  test('split on . ! ? and line breaks, with spans into the original text', () => {
    expect(sentences('Hello there. How are you?\nFine!')).toEqual([
      { start: 0, end: 12, text: 'Hello there.' },
      { start: 13, end: 25, text: 'How are you?' },
      { start: 26, end: 31, text: 'Fine!' },
    ]);
  });

  test.each([
    ['', []],
    ['...', []],
    ['\n\n', []],
    ['?!', []],
  ])('%j has no sentence', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  test('a sentence without a terminator runs to the end of the text', () => {
    expect(sentences('Really?! ok then')).toEqual([
      { start: 0, end: 7, text: 'Really?' },
      { start: 9, end: 16, text: 'ok then' },
    ]);
  });
});

describe('normalizePhrase', () => {
  test('lower-cases, folds curly apostrophes and collapses white space', () => {
    expect(normalizePhrase('  That’s   OUR\n policy ')).toBe("that's our policy");
  });
});

describe('links', () => {
  test('a link is one word', () => {
    expect(words('See https://help.example.com/a/b?x=1. Thanks')).toEqual(['See', 'link', 'Thanks']);
    expect(countWords('visit www.example.com/help now')).toBe(3);
  });

  test('the dots and question mark inside a link end no sentence; the full stop after it does', () => {
    const text = 'Try this: https://help.example.com/faq?id=2. Does that help?';
    expect(sentences(text).map((s) => s.text)).toEqual([
      'Try this: https://help.example.com/faq?id=2.',
      'Does that help?',
    ]);
  });
});
