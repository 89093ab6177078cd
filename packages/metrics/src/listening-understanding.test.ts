import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import { clarifyingQuestionRate, paraphraseRate } from './listening.ts';
import { agent, customer, view } from './test-helpers.ts';

const agentSays = (...texts: string[]) => ({
  turns: [
    customer(0, 1_000, 'I was charged twice.'),
    ...texts.map((text, i) => agent(2_000 + i * 1_000, null, text)),
  ],
});

describe('paraphraseRate', () => {
  test.each<[string[], Fraction | null]>([
    [['Just to confirm, you were charged twice?'], { num: 1, den: 1 }],
    [['So what you’re saying is the card was charged twice.'], { num: 1, den: 1 }],
    [['Hello.', 'So what\nyou are saying is that it happened twice.'], { num: 1, den: 1 }],
    [['IF I UNDERSTAND CORRECTLY, TWICE.'], { num: 1, den: 1 }],
    [['Let me check.'], { num: 0, den: 1 }],
    [['Mm-hmm.'], null],
    [[], null],
  ])('%j → %j', (texts, expected) => {
    expect(paraphraseRate(view(agentSays(...texts))).value).toEqual(expected);
  });

  test('a miss is evidence on the first agent statement', () => {
    const [evidence] = paraphraseRate(view(agentSays('Let me check.'))).evidence;
    expect(evidence).toMatchObject({ metric: 'paraphraseRate', turnIndex: 1, missing: true });
  });
});

describe('clarifyingQuestionRate', () => {
  test.each<[string, string[], Fraction | null]>([
    [
      'a question in the third statement',
      ['Hello.', 'Let me look.', 'Which plan are you on?'],
      { num: 1, den: 1 },
    ],
    [
      'backchannels do not use up the three turns',
      ['Hello.', 'Ok.', 'Let me look.', 'Mm-hmm.', 'Which plan are you on?'],
      { num: 1, den: 1 },
    ],
    [
      'a question in the fourth statement is too late',
      ['Hi.', 'One moment.', 'Checking.', 'Which plan?'],
      { num: 0, den: 1 },
    ],
    ['a question followed by more text', ['Is it the router? Or the cable'], { num: 1, den: 1 }],
    ['a question on its own line', ['Let me see\nwhat model is it?\nThanks'], { num: 1, den: 1 }],
    ['a lone question mark is no sentence', ['?'], { num: 0, den: 1 }],
    ['no question', ['I will fix it.'], { num: 0, den: 1 }],
    ['no agent statement', ['Okay.'], null],
  ])('%s', (_, texts, expected) => {
    expect(clarifyingQuestionRate(view(agentSays(...texts))).value).toEqual(expected);
  });

  test('the customer’s questions do not count', () => {
    const v = view({ turns: [customer(0, null, 'Why?'), agent(1_000, null, 'It is fixed.')] });
    expect(clarifyingQuestionRate(v).value).toEqual({ num: 0, den: 1 });
  });
});
