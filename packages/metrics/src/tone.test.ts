import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import { extendLexicons } from './lexicons/index.ts';
import { DEFAULT_ENGINE_OPTIONS } from './result.ts';
import { agent, customer, view } from './test-helpers.ts';
import {
  argumentRate,
  empathyRate,
  negativeLanguagePer100Words,
  personalizationRate,
  thankRate,
} from './tone.ts';

/** A chat where the customer writes once and the agent answers with each given text in turn. */
const agentSays = (...texts: string[]) => ({
  turns: [
    customer(0, 1_000, 'My bill is wrong.'),
    ...texts.map((text, i) => agent(2_000 + i * 1_000, null, text)),
  ],
});

describe('empathyRate', () => {
  test.each([
    ['I’m sorry you’re experiencing this.', { num: 1, den: 1 }],
    ['I UNDERSTAND HOW THAT MIGHT FEEL', { num: 1, den: 1 }],
    ['That must be\nfrustrating.', { num: 1, den: 1 }],
    ['If I understand correctly, the bill is wrong.', { num: 0, den: 1 }],
    ['I understand. If I understand correctly, the bill is wrong.', { num: 1, den: 1 }],
    ['Let me check the bill.', { num: 0, den: 1 }],
  ])('%j → %j', (text, expected) => {
    expect(empathyRate(view(agentSays(text))).value).toEqual(expected);
  });

  test('a miss points at the first agent statement, skipping the backchannel', () => {
    expect(empathyRate(view(agentSays('Ok.', 'Send me the invoice.'))).evidence).toEqual([
      {
        metric: 'empathyRate',
        turnIndex: 2,
        start: 0,
        end: 20,
        text: 'Send me the invoice.',
        kind: 'missing',
        suggestion: 'I understand how frustrating that must be.',
      },
    ]);
  });

  test.each([
    ['no agent turn', { turns: [customer(0)] }],
    ['only backchannels', agentSays('Mm-hmm.', 'Okay.')],
    ['no turns', {}],
  ])('does not apply with %s', (_, spec) => {
    expect(empathyRate(view(spec)).value).toBeNull();
  });
});

describe('empathyRate v2: the wider list and its exclusions', () => {
  test.each<[string, Fraction]>([
    ['We’re sorry for the trouble.', { num: 1, den: 1 }],
    ['Apologies!', { num: 1, den: 1 }],
    ['I’m really sorry about that.', { num: 1, den: 1 }],
    ['Totally understandable.', { num: 1, den: 1 }],
    ['Sorry for the wait!', { num: 1, den: 1 }],
    ['I hear you, that is a lot.', { num: 1, den: 1 }],
    ['I’m not sure I understand.', { num: 0, den: 1 }],
    ['I don’t understand.', { num: 0, den: 1 }],
    ['I hear you’re moving next month.', { num: 0, den: 1 }],
    ['I hear you are moving next month.', { num: 0, den: 1 }],
    ['Sorry, could you say that again?', { num: 0, den: 1 }],
    ['Sorry, I’m not sure I understand.', { num: 0, den: 1 }],
    ['I’m sorry, I didn’t catch that.', { num: 0, den: 1 }],
  ])('%j → %j', (text, expected) => {
    expect(empathyRate(view(agentSays(text))).value).toEqual(expected);
  });

  test('every empathy phrase is credited, each with its span', () => {
    const measure = empathyRate(view(agentSays('I’m sorry.', 'I understand. I can imagine.')));
    expect(
      measure.evidence.map(({ kind, turnIndex, start, end, text }) => ({
        kind,
        turnIndex,
        start,
        end,
        text,
      })),
    ).toEqual([
      { kind: 'credit', turnIndex: 1, start: 0, end: 9, text: 'I’m sorry' },
      { kind: 'credit', turnIndex: 2, start: 0, end: 12, text: 'I understand' },
      { kind: 'credit', turnIndex: 2, start: 14, end: 27, text: 'I can imagine' },
    ]);
  });
});

describe('negativeLanguagePer100Words', () => {
  // Worked by hand: refusals × 100 over the agent's own words (letters, digits, apostrophes); matches
  // in one sentence count once; a bare negation counts only with the agent's side as its subject.
  test.each<[string, string[], Fraction]>([
    ['Unfortunately I can’t do that.', ['Unfortunately'], { num: 100, den: 5 }],
    ['I can’t help with that, sorry.', ['can’t'], { num: 100, den: 6 }],
    ['There is nothing I\ncan do', ['nothing I\ncan do'], { num: 100, den: 6 }],
    ["THAT'S OUR POLICY.", ["THAT'S OUR POLICY"], { num: 100, den: 3 }],
    ['We can help with that.', [], { num: 0, den: 5 }],
    ['Cannot-do attitude? Never.', [], { num: 0, den: 4 }],
    ['If you can’t log in, reset your password.', [], { num: 0, den: 8 }],
    ['It’s never fun when you can’t send texts.', [], { num: 0, den: 8 }],
    ['This process won’t delete your data.', [], { num: 0, den: 6 }],
    ['We’re afraid that isn’t possible.', ['We’re afraid'], { num: 100, den: 5 }],
    ['We would be unable to refund it.', ['unable to'], { num: 100, den: 7 }],
    ['We can not do that.', ['can not'], { num: 100, den: 5 }],
    ['Our team really cannot change it.', ['cannot'], { num: 100, den: 6 }],
    ['I can’t thank you enough!', [], { num: 0, den: 5 }],
    ['No problem at all, I can’t wait to help.', [], { num: 0, den: 9 }],
    ['I won’t let this happen again.', [], { num: 0, den: 6 }],
    [
      'Unfortunately, we can’t. We can’t do it today either.',
      ['Unfortunately', 'can’t'],
      { num: 200, den: 9 },
    ],
  ])('%j', (text, matched, expected) => {
    const measure = negativeLanguagePer100Words(view(agentSays(text)));
    expect(measure.value).toEqual(expected);
    expect(measure.evidence.map((e) => e.text)).toEqual(matched);
  });

  test('words of every agent turn count, backchannels included; customer words do not', () => {
    const measure = negativeLanguagePer100Words(
      view(agentSays('Ok.', 'Unfortunately not.', 'Let me check.')),
    );
    expect(measure.value).toEqual({ num: 100, den: 6 });
  });

  test('each match carries a positive rephrasing and its span', () => {
    expect(negativeLanguagePer100Words(view(agentSays('Sorry, I can’t help with that.'))).evidence).toEqual([
      {
        metric: 'negativeLanguagePer100Words',
        kind: 'flag',
        turnIndex: 1,
        start: 9,
        end: 14,
        text: 'can’t',
        suggestion: 'What I can do is…',
      },
    ]);
  });

  test('an organisation can add its own phrases', () => {
    const options = {
      ...DEFAULT_ENGINE_OPTIONS,
      lexicons: extendLexicons({ negativeLanguage: [{ phrase: 'sadly' }] }),
    };
    const measure = negativeLanguagePer100Words(view(agentSays('Sadly. Unfortunately.'), options));
    expect(measure.value).toEqual({ num: 200, den: 2 });
  });

  test('no agent words: does not apply', () => {
    expect(negativeLanguagePer100Words(view({ turns: [customer(0, null, 'You can’t!')] })).value).toBeNull();
  });
});

describe('argumentRate', () => {
  test('every argumentative phrase is evidence', () => {
    const measure = argumentRate(view(agentSays('As I already said, calm down.')));
    expect(measure.value).toEqual({ num: 1, den: 1 });
    expect(measure.evidence.map(({ start, end, text }) => ({ start, end, text }))).toEqual([
      { start: 0, end: 17, text: 'As I already said' },
      { start: 19, end: 28, text: 'calm down' },
    ]);
  });

  test.each([
    ['That’s not true.', { num: 1, den: 1 }],
    ['YOU’RE WRONG', { num: 1, den: 1 }],
    ['That is not\ntrue', { num: 1, den: 1 }],
    ['Let me check what is true for your account.', { num: 0, den: 1 }],
  ])('%j → %j', (text, expected) => {
    expect(argumentRate(view(agentSays(text))).value).toEqual(expected);
  });

  test.each<[string, Fraction]>([
    ['You should have read the terms.', { num: 1, den: 1 }],
    ['You should have called us first.', { num: 1, den: 1 }],
    ['You should have the paid plan.', { num: 0, den: 1 }],
    ['You should have received an email.', { num: 0, den: 1 }],
    ['You should have got a code by now.', { num: 0, den: 1 }],
    ['It’s not your fault.', { num: 0, den: 1 }],
  ])('blame vs expectation: %j → %j', (text, expected) => {
    expect(argumentRate(view(agentSays(text))).value).toEqual(expected);
  });

  test('what the customer says is not the agent arguing', () => {
    const v = view({
      turns: [customer(0, null, 'You are wrong, calm down!'), agent(1_000, null, 'Let me check.')],
    });
    expect(argumentRate(v).value).toEqual({ num: 0, den: 1 });
  });
});

describe('thankRate', () => {
  test.each([
    ['Thanks for waiting!', { num: 1, den: 1 }],
    ['THANK YOU', { num: 1, den: 1 }],
    ['Thank\nyou for your patience', { num: 1, den: 1 }],
    ['I appreciate it.', { num: 1, den: 1 }],
    ['Happy Thanksgiving!', { num: 0, den: 1 }],
  ])('%j → %j', (text, expected) => {
    expect(thankRate(view(agentSays(text))).value).toEqual(expected);
  });

  test('a missing thanks points at the agent’s closing statement, not a trailing backchannel', () => {
    const measure = thankRate(view(agentSays('Hello.', 'Your refund is on its way.', 'Okay.')));
    expect(measure.value).toEqual({ num: 0, den: 1 });
    expect(measure.evidence).toEqual([
      {
        metric: 'thankRate',
        turnIndex: 2,
        start: 0,
        end: 26,
        text: 'Your refund is on its way.',
        kind: 'missing',
        suggestion: 'Thank you for bringing this to our attention.',
      },
    ]);
  });

  test('"thanks to" gives a cause, not thanks', () => {
    expect(thankRate(view(agentSays('Thanks to the update, it works now.'))).value).toEqual({
      num: 0,
      den: 1,
    });
  });

  test('every thanks is credited', () => {
    const measure = thankRate(view(agentSays('Thank you!', 'Thanks again, I appreciate it.')));
    expect(measure.evidence.map(({ kind, text }) => [kind, text])).toEqual([
      ['credit', 'Thank you'],
      ['credit', 'Thanks'],
      ['credit', 'I appreciate'],
    ]);
  });

  test('the customer’s thanks do not count', () => {
    const v = view({ turns: [customer(0, null, 'Thanks!'), agent(1_000, null, 'Bye.')] });
    expect(thankRate(v).value).toEqual({ num: 0, den: 1 });
  });
});

describe('personalizationRate', () => {
  test.each<[string, string, Fraction]>([
    ['Will Turner', 'Thanks, Will. I will check that now.', { num: 1, den: 1 }],
    ['Will Turner', 'I will check that now. Will that work for you?', { num: 0, den: 1 }],
    ['Will Turner', 'hi will, i will check', { num: 1, den: 1 }],
    ['Will Turner', 'Thanks, will do.', { num: 0, den: 1 }],
    ['Will Turner', 'Will, could you read me the code?', { num: 1, den: 1 }],
    ['May Chen', 'You may need to restart. May I ask for the order number?', { num: 0, den: 1 }],
    ['Grace Lee', 'There is a grace period of 14 days.', { num: 0, den: 1 }],
    ['Ana Ruiz', 'Hello Ana!', { num: 1, den: 1 }],
    ['Ana Ruiz', 'Hi Anastasia', { num: 0, den: 1 }],
    ['Dr. Ana Ruiz', 'Of course, Ana.', { num: 1, den: 1 }],
    ['ana ruiz', 'HI ANA, how can I help?', { num: 1, den: 1 }],
    ['Siobhán O’Brien', 'Hi Siobhán, thanks for waiting.', { num: 1, den: 1 }],
    // Names compare case- and accent-insensitively, composed or decomposed (METRICS.md v2).
    ['Zoë Park', 'Thanks, Zoe!', { num: 1, den: 1 }],
    ['Zoe Park', 'Thanks, Zoë!', { num: 1, den: 1 }],
    ['Jose\u0301 Diaz', 'Hola José, I have it here.', { num: 1, den: 1 }],
    ['José Diaz', 'Hola Jose\u0301, I have it here.', { num: 1, den: 1 }],
    ['Priya', 'Sure thing, Priya\nI have sent it.', { num: 1, den: 1 }],
  ])('customer %j, agent %j', (name, text, expected) => {
    expect(personalizationRate(view({ ...agentSays(text), customerName: name })).value).toEqual(expected);
  });

  test('the customer naming themselves is not the agent using the name', () => {
    const v = view({
      customerName: 'Ana Ruiz',
      turns: [customer(0, null, 'Hi, this is Ana.'), agent(1_000, null, 'Hello, how can I help?')],
    });
    const measure = personalizationRate(v);
    expect(measure.value).toEqual({ num: 0, den: 1 });
    expect(measure.evidence).toEqual([
      {
        metric: 'personalizationRate',
        turnIndex: 1,
        start: 0,
        end: 22,
        text: 'Hello, how can I help?',
        kind: 'missing',
        suggestion: 'Hi Ana, …',
      },
    ]);
  });

  test.each([null, '', '   ', 'Mr.'])('unknown name %j: does not apply', (name) => {
    expect(personalizationRate(view({ ...agentSays('Hello Ana'), customerName: name })).value).toBeNull();
  });
});
