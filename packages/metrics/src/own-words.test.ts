import { describe, expect, test } from 'vitest';
import { computeConversation } from './engine.ts';
import { MASK, ownWords } from './own-words.ts';
import { agent, conversation, customer } from './test-helpers.ts';

/** The kept text, masked parts shown as `·` so a table can say what was left out. */
const kept = (text: string, customerTexts: string[] = []) =>
  ownWords(text, customerTexts).split(MASK).join('·').replace(/·+/g, '·');

describe('ownWords: what the agent wrote, offsets kept', () => {
  test.each<[string, string, string[], string]>([
    ['plain text is untouched', 'Thanks, Sam.', [], 'Thanks, Sam.'],
    [
      'quoted reply lines',
      'Sorry about that.\n> You never listen!\n> Useless.\nFixed now.',
      [],
      'Sorry about that.\n·\n·\nFixed now.',
    ],
    [
      'an "On … wrote:" header and all after it',
      'Refund sent.\nOn Mon, 3 Nov 2025, Sam Lee wrote:\nYou can’t do anything right.',
      [],
      'Refund sent.\n·\n·',
    ],
    [
      'a header wrapped over two lines',
      'Done.\nOn Mon, 3 Nov 2025 at 09:12, Sam Lee <sam@example.com>\nwrote:\nterrible',
      [],
      'Done.\n·\n·\n·',
    ],
    [
      'an original-message block',
      'Done.\n-----Original Message-----\nFrom: Sam\nunfortunately',
      [],
      'Done.\n·\n·\n·',
    ],
    [
      'a From/Sent block',
      'Done.\nFrom: Sam Lee\nSent: Monday\nSubject: bill\nI can’t pay',
      [],
      'Done.\n·\n·\n·\n·',
    ],
    ['a signature after "--"', 'Done.\n--\nAna\nWe can’t reply to this address', [], 'Done.\n·\n·\n·'],
    [
      'quoted customer words',
      'You wrote "my bill is wrong again" and I fixed it.',
      ['My bill is wrong again!'],
      'You wrote · and I fixed it.',
    ],
    [
      'a quotation of two customer words stays',
      'It says "bill wrong" here.',
      ['My bill wrong'],
      'It says "bill wrong" here.',
    ],
    [
      'a quotation the customer never wrote stays',
      'Say "I can’t wait" to us.',
      ['My bill is wrong.'],
      'Say "I can’t wait" to us.',
    ],
  ])('%s', (_, text, customers, expected) => {
    expect(kept(text, customers)).toBe(expected);
    expect(ownWords(text, customers)).toHaveLength(text.length);
  });
});

describe('the engine scores only the agent’s own words', () => {
  test('a quoted angry customer message is not the agent’s negative language, and its words do not count', () => {
    const reply =
      'Thank you, Sam. The refund is on its way.\n\nOn Monday, Sam Lee wrote:\n> Unfortunately you can’t do anything right. I’m afraid I will leave.';
    const result = computeConversation(
      conversation({
        channel: 'email',
        customerName: 'Sam Lee',
        turns: [
          customer(0, null, 'Unfortunately you can’t do anything right. I’m afraid I will leave.'),
          agent(60_000, null, reply),
        ],
      }),
    );
    // Own words: "Thank you Sam The refund is on its way" = 9 words, no refusal.
    expect(result.metrics.negativeLanguagePer100Words).toEqual({ num: 0, den: 9 });
    expect(result.metrics.avgSentenceWords).toEqual({ num: 9, den: 2 });
    expect(result.evidence.filter((e) => e.kind === 'flag')).toEqual([]);
  });

  test('evidence spans point into the original text, also after NFC normalisation', () => {
    // "Zoe\u0308" is decomposed: NFC makes it one character shorter; the span must still be original.
    const text = 'Hi Zoe\u0308, unfortunately it is late.';
    const result = computeConversation(
      conversation({ customerName: 'Zoë', turns: [customer(0, null, 'Hi'), agent(1_000, null, text)] }),
    );
    const flag = result.evidence.find((e) => e.metric === 'negativeLanguagePer100Words');
    expect(flag).toMatchObject({ start: 9, end: 22, text: 'unfortunately' });
    expect(text.slice(flag?.start, flag?.end)).toBe('unfortunately');
    const name = result.evidence.find((e) => e.metric === 'personalizationRate');
    expect(name).toMatchObject({ kind: 'credit', start: 3, end: 7, text: 'Zoe\u0308' });
  });
});
