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
    [['Hello.', 'So what\nyou are saying is that you were charged twice.'], { num: 1, den: 1 }],
    [['IF I UNDERSTAND CORRECTLY, YOU WERE CHARGED TWICE.'], { num: 1, den: 1 }],
    [['It sounds like the card was charged twice for one order.'], { num: 1, den: 1 }],
    // A restatement shares two content words with the customer; "twice" alone restates nothing.
    [['So what you are saying is that it happened twice.'], { num: 0, den: 1 }],
    [['Just to confirm, have you already tried restarting?'], { num: 0, den: 1 }],
    [['Just to clarify, which card was it?'], { num: 0, den: 1 }],
    [['Let me check.'], { num: 0, den: 1 }],
    [['Mm-hmm.'], null],
    [[], null],
  ])('%j → %j', (texts, expected) => {
    expect(paraphraseRate(view(agentSays(...texts))).value).toEqual(expected);
  });

  test('the restatement is credited, from the phrase to the end of its sentence', () => {
    const measure = paraphraseRate(
      view(agentSays('Okay. Just to confirm, you were charged twice? Let me look.')),
    );
    expect(measure.evidence).toEqual([
      {
        metric: 'paraphraseRate',
        kind: 'credit',
        turnIndex: 1,
        start: 6,
        end: 46,
        text: 'Just to confirm, you were charged twice?',
      },
    ]);
  });

  test('only the customer’s earlier words can be restated', () => {
    const v = view({
      turns: [
        customer(0, 1_000, 'Hello.'),
        agent(2_000, null, 'Just to confirm, you were charged twice?'),
        customer(3_000, null, 'Yes, I was charged twice.'),
      ],
    });
    expect(paraphraseRate(v).value).toEqual({ num: 0, den: 1 });
  });

  test('a miss is evidence on the first agent statement', () => {
    const [evidence] = paraphraseRate(view(agentSays('Let me check.'))).evidence;
    expect(evidence).toMatchObject({ metric: 'paraphraseRate', turnIndex: 1, kind: 'missing' });
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
    [
      'a closing question is not clarifying',
      ['Done.', 'Is there anything else I can help with?'],
      { num: 0, den: 1 },
    ],
    ['nor is an offer of more help', ['Anything else I can do for you today?'], { num: 0, den: 1 }],
    ['nor is a feedback question', ['How did I do today?'], { num: 0, den: 1 }],
    ['nor is small talk', ['Hi Sam, how are you today?'], { num: 0, den: 1 }],
  ])('%s', (_, texts, expected) => {
    expect(clarifyingQuestionRate(view(agentSays(...texts))).value).toEqual(expected);
  });

  /** An unpunctuated voice transcript: no turn holds a `?`. */
  const transcript = (...texts: string[]) => ({
    channel: 'voice' as const,
    turns: [
      customer(0, 1_500, 'hi i was charged twice'),
      ...texts.map((text, i) => agent(3_000 + i * 3_000, 4_000 + i * 3_000, text)),
    ],
  });

  test.each<[string, string[], Fraction]>([
    ['"how can i" asks', ['thank you for calling how can i help you today'], { num: 1, den: 1 }],
    ['"could you" asks', ['okay', 'could you read me the card number'], { num: 1, den: 1 }],
    ['"what is your" asks', ['sure what is your account number'], { num: 1, den: 1 }],
    ['"did you" asks', ['i see did you get a text from us'], { num: 1, den: 1 }],
    ['a statement asks nothing', ['i will look into that for you now'], { num: 0, den: 1 }],
    ['a closing offer asks nothing', ['is there anything else i can help you with'], { num: 0, den: 1 }],
  ])('without question marks: %s', (_, texts, expected) => {
    expect(clarifyingQuestionRate(view(transcript(...texts))).value).toEqual(expected);
  });

  test('with a question mark anywhere in the conversation, an interrogative phrase alone does not count', () => {
    const v = view({
      turns: [
        customer(0, 1_000, 'Why was I charged twice?'),
        agent(2_000, null, 'could you read me the card number'),
      ],
    });
    expect(clarifyingQuestionRate(v).value).toEqual({ num: 0, den: 1 });
  });

  test('every clarifying question of the three statements is credited', () => {
    const measure = clarifyingQuestionRate(view(agentSays('Which card? And which day?')));
    expect(measure.evidence.map(({ kind, text }) => [kind, text])).toEqual([
      ['credit', 'Which card?'],
      ['credit', 'And which day?'],
    ]);
  });

  test('the customer’s questions do not count', () => {
    const v = view({ turns: [customer(0, null, 'Why?'), agent(1_000, null, 'It is fixed.')] });
    expect(clarifyingQuestionRate(v).value).toEqual({ num: 0, den: 1 });
  });
});
