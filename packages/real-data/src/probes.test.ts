import { describe, expect, test } from 'vitest';
import {
  isBareModal,
  isUnpunctuatedQuestion,
  negationSubject,
  urlSpans,
  withUrlsAsOneWord,
} from './probes.ts';

describe('links', () => {
  test('spans and the one-word stand-in', () => {
    const text = 'Open link: https://support.hp.com/us-en/contact-hp?openCLC=true 1/2';
    expect(urlSpans(text)).toEqual([{ start: 11, end: 63 }]);
    const record = withUrlsAsOneWord({
      id: 'c',
      channel: 'chat',
      startedAt: '2020-01-01T00:00:00Z',
      endedAt: '2020-01-01T00:00:00Z',
      agent: { id: 'a' },
      turns: [{ speaker: 'agent', text, startMs: 0 }],
    });
    expect(record.turns[0]?.text).toBe('Open link: link 1/2');
  });
});

describe('isUnpunctuatedQuestion', () => {
  test.each([
    ['which card would you like to replace', true],
    ['uh what is the transfer amount', true],
    ['is there anything else i can help you with today', true],
    ['alright your balance is a hundred and thirty four dollars', false],
    ['okay', false],
    ['Which card would you like to replace?', false],
    ['what day', false],
  ])('%j → %s', (text, expected) => {
    expect(isUnpunctuatedQuestion(text)).toBe(expected);
  });
});

describe('negationSubject', () => {
  const at = (text: string, phrase: string) => negationSubject(text, text.indexOf(phrase), phrase);
  test.each([
    ["I'm sorry, but we're unable to assist", "we're unable to", 'first person'],
    ['Unfortunately, we can’t provide specifics', 'can’t', 'first person'],
    ['Sorry to hear that you cannot access the DLC', 'cannot', 'you'],
    ['This process won’t delete any saved data', 'won’t', 'process'],
    ['We just can’t', 'can’t', 'first person'],
    ["Can't log in?", "Can't", '(none)'],
  ])('%j (%s) → %s', (text, phrase, expected) => {
    expect(at(text, phrase)).toBe(expected);
  });
});

describe('isBareModal', () => {
  test.each([
    ["can't", true],
    ['Cannot', true],
    ['won’t', true],
    ["we're unable to", false],
    ['unfortunately', false],
    ["I'm afraid", false],
  ])('%j → %s', (matched, expected) => {
    expect(isBareModal(matched)).toBe(expected);
  });
});
