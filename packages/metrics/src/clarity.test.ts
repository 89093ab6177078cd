import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import { avgSentenceWords, jargonPer100Words } from './clarity.ts';
import { extendLexicons } from './lexicons/index.ts';
import { DEFAULT_ENGINE_OPTIONS } from './result.ts';
import { agent, customer, view } from './test-helpers.ts';

const agentSays = (...texts: string[]) => ({
  turns: [
    customer(0, 1_000, 'What is the SLA?'),
    ...texts.map((text, i) => agent(2_000 + i * 1_000, null, text)),
  ],
});

describe('jargonPer100Words', () => {
  test.each<[string, string[], Fraction]>([
    ['Your RMA is with tier 2 under our SLA.', ['RMA', 'tier 2', 'SLA'], { num: 300, den: 9 }],
    ['Sent to Tier\n2 for provisioning', ['Tier\n2', 'provisioning'], { num: 200, den: 6 }],
    ['We checked the slate and the tier.', [], { num: 0, den: 7 }],
    // v2, from real support replies: technical terms, glosses and adjacent terms.
    ['Please update the BIOS and the firmware.', ['BIOS', 'firmware'], { num: 200, den: 7 }],
    ['Run the .msi file as administrator.', ['.msi file'], { num: 100, den: 6 }],
    ['Try flushing your DNS cache.', ['DNS cache'], { num: 100, den: 5 }],
    ['You can file a chargeback or payment reversal.', [], { num: 0, den: 8 }],
    ['It is a chargeback, which means the bank returns it.', [], { num: 0, den: 10 }],
    ['Your RMA (return authorisation) is ready.', [], { num: 0, den: 6 }],
    ['Clear your cache or restart the app.', ['cache'], { num: 100, den: 7 }],
  ])('%j', (text, matched, expected) => {
    const measure = jargonPer100Words(view(agentSays(text)));
    expect(measure.value).toEqual(expected);
    expect(measure.evidence.map((e) => e.text)).toEqual(matched);
  });

  test('evidence suggests plain language', () => {
    expect(jargonPer100Words(view(agentSays('An RMA.'))).evidence).toEqual([
      {
        metric: 'jargonPer100Words',
        kind: 'flag',
        turnIndex: 1,
        start: 3,
        end: 6,
        text: 'RMA',
        suggestion: 'return authorisation',
      },
    ]);
  });

  test('an organisation adds its product terms', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, lexicons: extendLexicons({ jargon: [{ phrase: 'FTTP' }] }) };
    expect(jargonPer100Words(view(agentSays('FTTP via SLA'), options)).value).toEqual({ num: 200, den: 3 });
  });

  test('the customer’s jargon is not the agent’s', () => {
    expect(jargonPer100Words(view(agentSays('It is three days.'))).value).toEqual({ num: 0, den: 4 });
  });

  test('no agent words: does not apply', () => {
    expect(jargonPer100Words(view({ turns: [customer(0)] })).value).toBeNull();
  });
});

describe('avgSentenceWords', () => {
  test.each<[string[], Fraction | null]>([
    [['Hello there. How are you?\nI will check your account now!'], { num: 11, den: 3 }],
    [['Okay.', 'Done'], { num: 2, den: 2 }],
    [['...', '!!'], null],
    [[], null],
  ])('%j → %j', (texts, expected) => {
    expect(avgSentenceWords(view(agentSays(...texts))).value).toEqual(expected);
  });

  test('a sentence of more than 20 words is evidence', () => {
    const long =
      'I have checked your account and I can see that the payment was taken twice so I will refund the second one today';
    const measure = avgSentenceWords(view(agentSays(`Hi. ${long}.`)));
    // 1 word + 23 words.
    expect(measure.value).toEqual({ num: 24, den: 2 });
    expect(measure.evidence).toEqual([
      {
        metric: 'avgSentenceWords',
        kind: 'flag',
        turnIndex: 1,
        start: 4,
        end: 4 + long.length + 1,
        text: `${long}.`,
      },
    ]);
  });
});
