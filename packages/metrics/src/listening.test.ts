import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import { interruptionsPerConversation, talkRatio } from './listening.ts';
import { agent, type ConversationSpec, customer, system, view } from './test-helpers.ts';

interface ListeningCase {
  name: string;
  spec: ConversationSpec;
  interruptions: Fraction | null;
  interruptingTurnIndexes: number[];
  talk: Fraction | null;
}

// Hand-worked from METRICS.md: A interrupts when some C has C.start < A.start ≤ C.end − 500.
const cases: ListeningCase[] = [
  {
    name: 'an agent turn 1 s before the customer finishes is an interruption',
    spec: { channel: 'voice', turns: [customer(0, 5_000), agent(4_000, 6_000)] },
    interruptions: { num: 1, den: 1 },
    interruptingTurnIndexes: [1],
    talk: { num: 2_000, den: 7_000 },
  },
  {
    name: 'exactly 500 ms before the end still interrupts',
    spec: { channel: 'voice', turns: [customer(0, 5_000), agent(4_500, 5_500)] },
    interruptions: { num: 1, den: 1 },
    interruptingTurnIndexes: [1],
    talk: { num: 1_000, den: 6_000 },
  },
  {
    name: 'within the last 500 ms is a natural handover, not an interruption',
    spec: { channel: 'voice', turns: [customer(0, 5_000), agent(4_600, 5_600)] },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: { num: 1_000, den: 6_000 },
  },
  {
    name: 'a backchannel during the customer turn is not an interruption',
    spec: {
      channel: 'voice',
      turns: [
        customer(0, 8_000),
        agent(2_000, 2_400, 'Mm-hmm'),
        agent(5_000, 5_500, 'I see.'),
        agent(9_000, 12_000),
      ],
    },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: { num: 3_900, den: 11_900 },
  },
  {
    name: 'starting together with the customer is not cutting in (C.start < A.start is strict)',
    spec: { channel: 'voice', turns: [customer(1_000, 5_000), agent(1_000, 2_000)] },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: { num: 1_000, den: 5_000 },
  },
  {
    name: 'an agent turn counts once even when it overlaps two customer turns',
    spec: { channel: 'voice', turns: [customer(0, 10_000), customer(1_000, 9_000), agent(3_000, 4_000)] },
    interruptions: { num: 1, den: 1 },
    interruptingTurnIndexes: [2],
    talk: { num: 1_000, den: 19_000 },
  },
  {
    name: 'a long earlier customer turn still counts after a shorter later one has ended',
    spec: {
      channel: 'voice',
      turns: [customer(0, 20_000), customer(2_000, 3_000), agent(10_000, 11_000), agent(19_600, 20_600)],
    },
    interruptions: { num: 1, den: 1 },
    interruptingTurnIndexes: [2],
    talk: { num: 2_000, den: 23_000 },
  },
  {
    name: 'unsorted turns report the interrupting turn by its input index',
    spec: {
      channel: 'voice',
      turns: [agent(2_000, 3_000, 'Can I have your account number?'), system(0), customer(0, 6_000)],
    },
    interruptions: { num: 1, den: 1 },
    interruptingTurnIndexes: [0],
    talk: { num: 1_000, den: 7_000 },
  },
  {
    name: 'missing endMs: no overlap is possible and no talk time is known',
    spec: { channel: 'voice', turns: [customer(0), agent(1_000)] },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: null,
  },
  {
    name: 'an empty voice conversation has no interruptions and no talk ratio',
    spec: { channel: 'voice' },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: null,
  },
  {
    name: 'no agent turn: the agent talked 0 % of the time',
    spec: { channel: 'voice', turns: [customer(0, 3_000)] },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: { num: 0, den: 3_000 },
  },
  {
    name: 'system turns are not talk',
    spec: { channel: 'voice', turns: [system(0, 'Call recorded'), system(500, 'IVR')] },
    interruptions: { num: 0, den: 1 },
    interruptingTurnIndexes: [],
    talk: null,
  },
  {
    name: 'chat: voice-only metrics do not apply',
    spec: { channel: 'chat', turns: [customer(0, 5_000), agent(1_000, 2_000)] },
    interruptions: null,
    interruptingTurnIndexes: [],
    talk: null,
  },
  {
    name: 'email: voice-only metrics do not apply',
    spec: { channel: 'email', turns: [customer(0, 5_000), agent(1_000, 2_000)] },
    interruptions: null,
    interruptingTurnIndexes: [],
    talk: null,
  },
];

describe('listening: interruptions and talk ratio', () => {
  test.each(cases)('$name', ({ spec, interruptions, interruptingTurnIndexes, talk }) => {
    const v = view(spec);
    const measure = interruptionsPerConversation(v);
    expect(measure.value).toEqual(interruptions);
    expect(measure.evidence.map((e) => e.turnIndex)).toEqual(interruptingTurnIndexes);
    expect(talkRatio(v).value).toEqual(talk);
  });

  test('interruption evidence quotes the whole agent turn', () => {
    const v = view({
      channel: 'voice',
      turns: [customer(0, 6_000), agent(2_000, 3_000, 'Can I have your account number?')],
    });
    expect(interruptionsPerConversation(v).evidence).toEqual([
      {
        metric: 'interruptionsPerConversation',
        kind: 'flag',
        turnIndex: 1,
        start: 0,
        end: 31,
        text: 'Can I have your account number?',
      },
    ]);
  });
});

describe('connect-time greetings (METRICS.md v2)', () => {
  // The customer starts talking at connect (0–3 s); the agent's greeting starts at 1.5 s, inside the
  // first 2,000 ms: neither an interruption nor a response. A later agent turn at 2.5 s does cut in.
  test.each([
    ['a greeting at 1,500 ms is no interruption', 1_500, { num: 0, den: 1 }],
    ['at 2,000 ms the connect time is over', 2_000, { num: 1, den: 1 }],
  ])('%s', (_, greetingMs, expected) => {
    const v = view({
      channel: 'voice',
      turns: [
        customer(0, 3_000, 'Hello I need help'),
        agent(greetingMs, greetingMs + 800, 'Thanks for calling.'),
      ],
    });
    expect(interruptionsPerConversation(v).value).toEqual(expected);
  });

  test('a chat has no connect time', () => {
    const v = view({ channel: 'chat', turns: [customer(0, 3_000), agent(1_000, 1_500, 'Hello there.')] });
    expect(v.agentTurns[0]?.isConnectGreeting).toBe(false);
  });
});
