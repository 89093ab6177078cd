import { describe, expect, test } from 'vitest';
import { isWholeTextOf, phraseMatcher } from './matcher.ts';

const entries = [
  { phrase: 'thanks' },
  { phrase: "can't", suggestion: 'What I can do is…' },
  { phrase: "i can't help with that", suggestion: 'Let’s see what I can do.' },
  { phrase: 'nothing i can do' },
  { phrase: '100%' },
  { phrase: 'c++ (legacy)' },
];

describe('phraseMatcher', () => {
  const matcher = phraseMatcher(entries);

  test.each([
    ['Thanks!', ['Thanks']],
    ['THANKS A LOT', ['THANKS']],
    ['Happy Thanksgiving', []],
    ['nothanks', []],
    ['I can’t do it', ['can’t']],
    ['There is nothing I\ncan   do', ['nothing I\ncan   do']],
    ["I'm 100% sure", ['100%']],
    ['x100% or 1000%', []],
    ['our c++ (legacy) stack', ['c++ (legacy)']],
    ['', []],
  ])('%j matches %j', (text, expected) => {
    expect(matcher.matchAll(text).map((m) => m.text)).toEqual(expected);
  });

  test('the longest phrase wins where two start together, and carries its own suggestion', () => {
    expect(matcher.matchAll('I can’t help with that, sorry. I can’t.')).toEqual([
      { start: 0, end: 22, text: 'I can’t help with that', entry: entries[2] },
      { start: 33, end: 38, text: 'can’t', entry: entries[1] },
    ]);
  });

  test('is compiled once per entry list', () => {
    expect(phraseMatcher(entries)).toBe(matcher);
  });

  test('an empty list matches nothing', () => {
    expect(phraseMatcher([]).matchAll('thanks')).toEqual([]);
  });
});

describe('isWholeTextOf', () => {
  const acknowledgements = [{ phrase: 'ok' }, { phrase: 'got it' }, { phrase: 'mm-hmm' }];
  test.each([
    ['OK.', true],
    ['ok, got it!', true],
    ['Mm hmm', true],
    ['ok got', false],
    ['okay', false],
    ['', false],
  ])('%j: %s', (text, expected) => {
    expect(isWholeTextOf(acknowledgements, text)).toBe(expected);
  });

  test('phrases sharing words do not make a long near-miss slow', () => {
    const started = performance.now();
    expect(
      isWholeTextOf(
        [{ phrase: 'mm' }, { phrase: 'hmm' }, { phrase: 'mm hmm' }],
        `${'mm hmm '.repeat(40)}but`,
      ),
    ).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
