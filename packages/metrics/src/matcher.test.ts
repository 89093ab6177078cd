import { describe, expect, test } from 'vitest';
import { isWholeTextOf, type MatcherSpec, phraseMatcher } from './matcher.ts';

const entries = [
  { phrase: 'thanks' },
  { phrase: "can't", suggestion: 'What I can do is…' },
  { phrase: "i can't help with that", suggestion: 'Let’s see what I can do.' },
  { phrase: 'nothing i can do' },
  { phrase: '100%' },
  { phrase: 'c++ (legacy)' },
];

describe('phraseMatcher', () => {
  const matcher = phraseMatcher({ entries, exceptions: [] });

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

  test('is compiled once per entry and exception list', () => {
    expect(phraseMatcher({ entries, exceptions: [] })).not.toBe(matcher);
    const spec = { entries, exceptions: [] };
    expect(phraseMatcher(spec)).toBe(phraseMatcher({ entries, exceptions: spec.exceptions }));
  });

  test('an empty list matches nothing', () => {
    expect(phraseMatcher({ entries: [], exceptions: [] }).matchAll('thanks')).toEqual([]);
  });
});

describe('context rules', () => {
  const texts = (spec: MatcherSpec, text: string) =>
    phraseMatcher(spec)
      .matchAll(text)
      .map((m) => m.text);

  test.each([
    ['We can’t do that.', ['can’t']],
    ['I really can’t.', ['can’t']],
    ['we would really be unable to', ['unable to']],
    ['Our team cannot refund it.', ['cannot']],
    ['Unfortunately, we can’t.', ['can’t']],
    ['If you can’t log in, reset it.', []],
    ['It’s never fun when you can’t send texts.', []],
    ['This process won’t delete your data.', []],
    ['If you can’t, we can’t either.', ['can’t']],
    ['can’t', []],
  ])('subject rule: %j → %j', (text, expected) => {
    const spec = {
      entries: [
        { phrase: "can't", context: { subject: 'agentSide' as const } },
        { phrase: 'cannot', context: { subject: 'agentSide' as const } },
        { phrase: 'unable to', context: { subject: 'agentSide' as const } },
        { phrase: "won't", context: { subject: 'agentSide' as const } },
      ],
      exceptions: [],
    };
    expect(texts(spec, text)).toEqual(expected);
  });

  test.each([
    ['You should have read the terms.', ['You should have']],
    ['You should have the paid plan.', []],
    ['You should have received it.', []],
    ['You should have.', []],
  ])('next word: %j → %j', (text, expected) => {
    const spec = {
      entries: [{ phrase: 'you should have', context: { nextWordIn: ['read', 'called'] } }],
      exceptions: [],
    };
    expect(texts(spec, text)).toEqual(expected);
  });

  test('"i hear you" is not found in "I hear you’re moving"', () => {
    expect(texts({ entries: [{ phrase: 'i hear you' }], exceptions: [] }, 'I hear you’re moving.')).toEqual(
      [],
    );
  });

  test.each([
    ['I’ll get it to you by Monday 100%.', ['100%']],
    ['You get a 100% refund.', []],
  ])('sentence has: %j → %j', (text, expected) => {
    const spec = {
      entries: [{ phrase: '100%', context: { sentenceHas: ["i'll", 'we will'] } }],
      exceptions: [],
    };
    expect(texts(spec, text)).toEqual(expected);
  });

  test.each([
    ['Sorry for the wait.', ['Sorry for']],
    ['Sorry for asking, could you repeat that?', []],
  ])('sentence lacks: %j → %j', (text, expected) => {
    const spec = {
      entries: [{ phrase: 'sorry for', context: { sentenceLacks: ['repeat that'] } }],
      exceptions: [],
    };
    expect(texts(spec, text)).toEqual(expected);
  });

  test.each([
    ['I can’t thank you enough!', []],
    ['I can’t. No problem though, I can’t thank you enough.', ['can’t']],
    ['Sorry, could you say it again?', []],
  ])('exceptions: %j → %j', (text, expected) => {
    const spec = {
      entries: [{ phrase: "can't" }, { phrase: 'sorry' }],
      exceptions: ["can't thank you enough", 'sorry, could you'],
    };
    expect(texts(spec, text)).toEqual(expected);
  });

  test.each([
    ['Flush the DNS cache now.', ['DNS cache']],
    ['Update the firmware and the BIOS.', ['firmware', 'BIOS']],
    ['Run the .msi file.', ['.msi file']],
    ['It was a chargeback or payment reversal.', []],
    ['A chargeback, which means the bank takes it back.', []],
    ['Your RMA (return authorisation) is ready.', []],
    ['Clear your cache or restart the app.', ['cache']],
    ['Check the DNS or the cache.', ['DNS', 'cache']],
  ])('glossed and adjacent terms: %j → %j', (text, expected) => {
    const spec = {
      entries: ['dns', 'cache', 'firmware', 'bios', '.msi file', 'chargeback', 'rma'].map((phrase) => ({
        phrase,
      })),
      exceptions: [],
      glossedDoesNotCount: true,
    };
    expect(texts(spec, text)).toEqual(expected);
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
