import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import type { ConversationEvent } from './conversation.ts';
import {
  feedbackRequestRate,
  followUpRate,
  overpromiseRate,
  promiseKeptRate,
  scriptReliance,
  transferWithoutExplanationRate,
} from './ownership.ts';
import { DEFAULT_ENGINE_OPTIONS } from './result.ts';
import { agent, customer, event, view } from './test-helpers.ts';

// The fixture conversation runs 2026-03-02 09:00:00Z → 09:10:00Z.
const withEvents = (events: ConversationEvent[]) => ({ turns: [customer(0), agent(1_000)], events });

describe('followUpRate', () => {
  test.each<[string, ConversationEvent[], Fraction]>([
    ['a follow-up the next day', [event('follow_up', '2026-03-03T09:10:00Z')], { num: 1, den: 1 }],
    [
      'a follow-up exactly 72 h after the end',
      [event('follow_up', '2026-03-05T09:10:00Z')],
      { num: 1, den: 1 },
    ],
    ['a follow-up 1 ms too late', [event('follow_up', '2026-03-05T09:10:00.001Z')], { num: 0, den: 1 }],
    [
      'a follow-up at the very end is not after it',
      [event('follow_up', '2026-03-02T09:10:00Z')],
      { num: 0, den: 1 },
    ],
    ['a follow-up during the conversation', [event('follow_up', '2026-03-02T09:05:00Z')], { num: 0, den: 1 }],
    ['another event type', [event('resolved', '2026-03-03T09:00:00Z')], { num: 0, den: 1 }],
    ['no events', [], { num: 0, den: 1 }],
  ])('%s', (_, events, expected) => {
    expect(followUpRate(view(withEvents(events))).value).toEqual(expected);
  });

  test('with `now` inside the 72 h window and no follow-up yet, it is pending (absent)', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, now: '2026-03-03T12:00:00Z' };
    expect(followUpRate(view(withEvents([]), options)).value).toBeNull();
  });

  test('with `now` after the window, a missing follow-up counts', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, now: '2026-03-06T00:00:00Z' };
    expect(followUpRate(view(withEvents([]), options)).value).toEqual({ num: 0, den: 1 });
  });
});

describe('transferWithoutExplanationRate', () => {
  // Transfers 5 s into the conversation.
  const transferAt = '2026-03-02T09:00:05Z';

  test.each<[string, ReturnType<typeof agent>[], Fraction]>([
    [
      'explained with where and why',
      [agent(1_000, null, 'I’ll transfer you to billing because they handle refunds.')],
      { num: 0, den: 1 },
    ],
    ['not explained', [agent(1_000, null, 'Please hold.')], { num: 1, den: 1 }],
    [
      'a backchannel after the explanation does not hide it',
      [
        agent(1_000, null, 'I’m connecting you with a specialist who can fix this.'),
        agent(3_000, null, 'Okay.'),
      ],
      { num: 0, den: 1 },
    ],
    [
      'an explanation among the last three statements counts',
      [
        agent(1_000, null, 'I will connect you with sales.'),
        agent(2_000, null, 'One moment.'),
        agent(3_000, null, 'Still here.'),
      ],
      { num: 0, den: 1 },
    ],
    [
      'an explanation four statements back is too far',
      [
        agent(1_000, null, 'I will connect you with sales.'),
        agent(2_000, null, 'One moment.'),
        agent(3_000, null, 'Still here.'),
        agent(4_000, null, 'Nearly there.'),
      ],
      { num: 1, den: 1 },
    ],
    [
      'a turn starting at the transfer is not before it',
      [agent(1_000, null, 'Please hold.'), agent(5_000, null, 'Transferring you to billing now.')],
      { num: 1, den: 1 },
    ],
    ['no agent turn before the transfer', [agent(6_000, null, 'Hello')], { num: 1, den: 1 }],
    [
      'explanation across a line break, in capitals',
      [agent(1_000, null, 'I WILL CONNECT YOU\nWITH our team.')],
      { num: 0, den: 1 },
    ],
  ])('%s', (_, agentTurns, expected) => {
    const v = view({ turns: [customer(0), ...agentTurns], events: [event('transfer', transferAt)] });
    expect(transferWithoutExplanationRate(v).value).toEqual(expected);
  });

  test('two transfers, one explained: evidence on the unexplained one', () => {
    const v = view({
      turns: [
        customer(0),
        agent(1_000, null, 'Let me connect you with our billing team, who can refund it.'),
        customer(10_000),
        agent(11_000, null, 'Hold on.'),
        agent(12_000, null, 'Checking.'),
        agent(13_000, null, 'Nearly done.'),
      ],
      events: [event('transfer', '2026-03-02T09:00:05Z'), event('transfer', '2026-03-02T09:00:15Z')],
    });
    const measure = transferWithoutExplanationRate(v);
    expect(measure.value).toEqual({ num: 1, den: 2 });
    // The first transfer's explanation is credited; the second transfer missed one.
    expect(measure.evidence).toMatchObject([
      { metric: 'transferWithoutExplanationRate', turnIndex: 1, text: 'connect you with', kind: 'credit' },
      { metric: 'transferWithoutExplanationRate', turnIndex: 5, text: 'Nearly done.', kind: 'missing' },
    ]);
  });

  test('no transfer: does not apply', () => {
    expect(transferWithoutExplanationRate(view(withEvents([]))).value).toBeNull();
  });
});

describe('overpromiseRate', () => {
  test.each<[string, string[]]>([
    ['I guarantee it will be fixed by tomorrow.', ['I guarantee']],
    ['I’m 100% sure it will be fixed today.', ['100%']],
    ['You get a 100% refund.', []],
    ['Promo codes expire after 7 days without fail.', []],
    ['I’ll call you back by Friday.', []],
    ['I won’t let this happen again.', ['won’t let this happen again']],
    ['This won’t happen again.', ['won’t happen again']],
    ['I can’t promise that, sorry.', []],
    ['I PROMISE\nit is done.', ['I PROMISE']],
    ['It will be fixed definitely by Friday.', ['definitely by']],
    ['We aim to fix it by Friday.', []],
  ])('%j', (text, matched) => {
    const measure = overpromiseRate(view({ turns: [customer(0), agent(1_000, null, text)] }));
    expect(measure.value).toEqual({ num: matched.length > 0 ? 1 : 0, den: 1 });
    expect(measure.evidence.map((e) => e.text)).toEqual(matched);
  });

  test('evidence suggests a realistic commitment', () => {
    const [evidence] = overpromiseRate(view({ turns: [agent(0, null, 'I guarantee it.')] })).evidence;
    expect(evidence).toEqual({
      metric: 'overpromiseRate',
      kind: 'flag',
      turnIndex: 0,
      start: 0,
      end: 11,
      text: 'I guarantee',
      suggestion: 'I’ll do everything I can, and I’ll update you by [time].',
    });
  });
});

describe('promiseKeptRate', () => {
  const due = '2026-03-03T09:00:00Z';
  test.each<[string, ConversationEvent[], Fraction | null]>([
    [
      'kept by a follow-up before the due time',
      [event('promise', '2026-03-02T09:05:00Z', { dueAt: due }), event('follow_up', '2026-03-02T15:00:00Z')],
      { num: 1, den: 1 },
    ],
    [
      'kept by a resolution exactly at the due time',
      [event('promise', '2026-03-02T09:05:00Z', { dueAt: due }), event('resolved', due)],
      { num: 1, den: 1 },
    ],
    [
      'broken: the follow-up came late',
      [event('promise', '2026-03-02T09:05:00Z', { dueAt: due }), event('follow_up', '2026-03-03T09:00:01Z')],
      { num: 0, den: 1 },
    ],
    [
      'two promises, one kept',
      [
        event('promise', '2026-03-02T09:05:00Z', { dueAt: '2026-03-02T10:00:00Z' }),
        event('promise', '2026-03-02T09:06:00Z', { dueAt: due }),
        event('follow_up', '2026-03-02T12:00:00Z'),
      ],
      { num: 1, den: 2 },
    ],
    ['a promise without a due time cannot be judged', [event('promise', '2026-03-02T09:05:00Z')], null],
    ['no promise', [event('resolved', '2026-03-02T09:09:00Z')], null],
  ])('%s', (_, events, expected) => {
    expect(promiseKeptRate(view(withEvents(events))).value).toEqual(expected);
  });

  test('with `now` before the due time, an open promise is pending; a kept one counts', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, now: '2026-03-02T20:00:00Z' };
    const open = [event('promise', '2026-03-02T09:05:00Z', { dueAt: due })];
    expect(promiseKeptRate(view(withEvents(open), options)).value).toBeNull();
    const kept = [...open, event('follow_up', '2026-03-02T15:00:00Z')];
    expect(promiseKeptRate(view(withEvents(kept), options)).value).toEqual({ num: 1, den: 1 });
  });
});

describe('feedbackRequestRate', () => {
  test.each<[string, string, ConversationEvent[], Fraction | null]>([
    ['the agent asks', 'How did I do today?', [], { num: 1, den: 1 }],
    ['in capitals', 'ANY FEEDBACK ON TODAY’S CHAT?', [], { num: 1, den: 1 }],
    ['an invitation to rate', 'You can rate this chat after we close.', [], { num: 1, den: 1 }],
    [
      'a survey about the conversation',
      'You will get a short survey about this conversation.',
      [],
      { num: 1, den: 1 },
    ],
    [
      'a product-ideas form is not about the service',
      'Any feedback you can submit here: example.com/ideas',
      [],
      { num: 0, den: 1 },
    ],
    [
      'passing feedback on is not asking for it',
      'I will pass your feedback to the team.',
      [],
      { num: 0, den: 1 },
    ],
    ['thanking for feedback is not asking for it', 'Thanks for your feedback!', [], { num: 0, den: 1 }],
    ['a survey was sent', 'Bye.', [event('survey_sent', '2026-03-02T09:11:00Z')], { num: 1, den: 1 }],
    ['neither', 'Bye.', [], { num: 0, den: 1 }],
  ])('%s', (_, text, events, expected) => {
    const v = view({ turns: [customer(0), agent(1_000, null, text)], events });
    expect(feedbackRequestRate(v).value).toEqual(expected);
  });

  test('a survey counts even when the agent never spoke', () => {
    const v = view({ turns: [customer(0)], events: [event('survey_sent', '2026-03-02T09:11:00Z')] });
    expect(feedbackRequestRate(v).value).toEqual({ num: 1, den: 1 });
  });

  test('no agent statement and no survey: does not apply', () => {
    expect(feedbackRequestRate(view({ turns: [customer(0)] })).value).toBeNull();
  });

  test('a miss is evidence on the closing statement', () => {
    const [evidence] = feedbackRequestRate(
      view({ turns: [agent(0, null, 'Hello.'), agent(1, null, 'Bye.')] }),
    ).evidence;
    expect(evidence).toMatchObject({ metric: 'feedbackRequestRate', turnIndex: 1, kind: 'missing' });
  });
});

describe('scriptReliance', () => {
  const scripts = [
    'Thank you for contacting Acme support, how can I help you today?',
    'Is there anything else I can help you with?\nHave a wonderful day and thank you for choosing Acme.',
  ];
  const options = { ...DEFAULT_ENGINE_OPTIONS, scripts };

  test('sentences of ≥ 5 words with Jaccard ≥ 0.8 against a script line', () => {
    const v = view(
      {
        turns: [
          agent(0, null, 'Thank you for contacting Acme support, how can I help you today?'),
          customer(1_000),
          // 8 shared words of 10 distinct ones ("can" vs "could"): exactly 0.8.
          agent(2_000, null, 'Sure. Is there anything else I could help you with?'),
          agent(3_000, null, 'Your refund of 20 euros went out this morning.'),
        ],
      },
      options,
    );
    const measure = scriptReliance(v);
    expect(measure.value).toEqual({ num: 2, den: 3 });
    expect(measure.evidence.map((e) => [e.turnIndex, e.text])).toEqual([
      [0, 'Thank you for contacting Acme support, how can I help you today?'],
      [2, 'Is there anything else I could help you with?'],
    ]);
  });

  test('7 shared words of 10 distinct ones (0.7) is not scripted', () => {
    const v = view({ turns: [agent(0, null, 'Is there anything else we can help with?')] }, options);
    expect(scriptReliance(v).value).toEqual({ num: 0, den: 1 });
  });

  test('without a script library it does not apply', () => {
    expect(
      scriptReliance(view({ turns: [agent(0, null, 'Is there anything else I can help you with?')] })).value,
    ).toBeNull();
  });

  test('with only short agent sentences it does not apply', () => {
    expect(
      scriptReliance(view({ turns: [agent(0, null, 'Hi. How can I help?')] }, options)).value,
    ).toBeNull();
  });
});
