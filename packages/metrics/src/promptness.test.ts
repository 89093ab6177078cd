import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import {
  firstResponseMs,
  handleTimeMs,
  nonTalkTimeShare,
  responseGaps,
  responseTimeMs,
  responseTimeP90Ms,
  responseWithinTargetRate,
} from './promptness.ts';
import { agent, type ConversationSpec, customer, system, view } from './test-helpers.ts';

interface PromptnessCase {
  name: string;
  spec: ConversationSpec;
  gaps: number[];
  first: Fraction | null;
  mean: Fraction | null;
  p90: Fraction | null;
  withinTarget: Fraction | null;
}

// Expected values worked out by hand from METRICS.md; times are ms from the conversation's start.
const cases: PromptnessCase[] = [
  {
    name: 'two plain exchanges in chat',
    spec: {
      turns: [customer(0, 2_000), agent(5_000, 8_000), customer(9_000, 12_000), agent(20_000, 21_000)],
    },
    gaps: [3_000, 8_000],
    first: { num: 5_000, den: 1 },
    mean: { num: 11_000, den: 2 },
    p90: { num: 8_000, den: 1 },
    withinTarget: { num: 2, den: 2 },
  },
  {
    name: 'the same exchanges on voice: 3 s target, 3 000 is on target and 8 000 is late',
    spec: {
      channel: 'voice',
      turns: [customer(0, 2_000), agent(5_000, 8_000), customer(9_000, 12_000), agent(20_000, 21_000)],
    },
    gaps: [3_000, 8_000],
    first: { num: 5_000, den: 1 },
    mean: { num: 11_000, den: 2 },
    p90: { num: 8_000, den: 1 },
    withinTarget: { num: 1, den: 2 },
  },
  {
    name: 'a backchannel neither closes nor splits the customer run',
    spec: {
      channel: 'voice',
      turns: [
        customer(0, 4_000),
        agent(1_000, 1_300, 'Mm-hmm.'),
        customer(4_500, 6_000),
        agent(7_000, 9_000),
      ],
    },
    gaps: [1_000],
    first: { num: 7_000, den: 1 },
    mean: { num: 1_000, den: 1 },
    p90: { num: 1_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'a chat run of three customer messages gives one gap from the last one',
    spec: {
      turns: [
        customer(0, null, 'hello'),
        customer(10_000, null, 'my order is late'),
        customer(25_000, null, 'order 123'),
        agent(40_000, null, 'Thanks, checking order 123 now'),
      ],
    },
    gaps: [15_000],
    first: { num: 40_000, den: 1 },
    mean: { num: 15_000, den: 1 },
    p90: { num: 15_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'the run ends at its latest end, not at its last start',
    spec: { turns: [customer(0, 9_000), customer(2_000, 3_000), agent(10_000, 11_000)] },
    gaps: [1_000],
    first: { num: 10_000, den: 1 },
    mean: { num: 1_000, den: 1 },
    p90: { num: 1_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'an overlapping answer gives a gap of 0, not a negative one',
    spec: { channel: 'voice', turns: [customer(0, 5_000), agent(4_000, 6_000)] },
    gaps: [0],
    first: { num: 4_000, den: 1 },
    mean: { num: 0, den: 1 },
    p90: { num: 0, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'the agent opens: no first response, the later exchange still gives a gap',
    spec: { turns: [agent(0, 1_000, 'Hello, how can I help?'), customer(1_500, 4_000), agent(5_000, 6_000)] },
    gaps: [1_000],
    first: null,
    mean: { num: 1_000, den: 1 },
    p90: { num: 1_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'a system turn before the customer is ignored',
    spec: { turns: [system(0), customer(1_000, 2_000), agent(4_000, 5_000)] },
    gaps: [2_000],
    first: { num: 3_000, den: 1 },
    mean: { num: 2_000, den: 1 },
    p90: { num: 2_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'a system turn between customer and agent does not break the run',
    spec: {
      turns: [customer(0, 1_000), system(2_000, 'Transferring'), customer(3_000, 4_000), agent(6_000)],
    },
    gaps: [2_000],
    first: { num: 6_000, den: 1 },
    mean: { num: 2_000, den: 1 },
    p90: { num: 2_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'missing endMs defaults to startMs',
    spec: { turns: [customer(0), agent(3_000)] },
    gaps: [3_000],
    first: { num: 3_000, den: 1 },
    mean: { num: 3_000, den: 1 },
    p90: { num: 3_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'unsorted input is read in startMs order',
    spec: { turns: [agent(5_000, 6_000), customer(0, 2_000), customer(3_000, 4_000)] },
    gaps: [1_000],
    first: { num: 5_000, den: 1 },
    mean: { num: 1_000, den: 1 },
    p90: { num: 1_000, den: 1 },
    withinTarget: { num: 1, den: 1 },
  },
  {
    name: 'a tie on startMs keeps input order: the agent opens',
    spec: { turns: [agent(1_000, 2_000), customer(1_000, 3_000)] },
    gaps: [],
    first: null,
    mean: null,
    p90: null,
    withinTarget: null,
  },
  {
    name: 'only backchannels from the agent: no response at all',
    spec: { turns: [customer(0, 1_000), agent(2_000, null, 'Okay.'), agent(3_000, null, 'Got it!')] },
    gaps: [],
    first: null,
    mean: null,
    p90: null,
    withinTarget: null,
  },
  {
    name: 'email answered after 5 h misses the 4 h target',
    spec: { channel: 'email', turns: [customer(0), agent(18_000_000)] },
    gaps: [18_000_000],
    first: { num: 18_000_000, den: 1 },
    mean: { num: 18_000_000, den: 1 },
    p90: { num: 18_000_000, den: 1 },
    withinTarget: { num: 0, den: 1 },
  },
  {
    name: 'ten gaps of 1..10 s: the nearest-rank p90 is the 9th',
    spec: {
      turns: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((s, i) => [
        customer(i * 100_000, i * 100_000),
        agent(i * 100_000 + s * 1_000),
      ]),
    },
    gaps: [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000],
    first: { num: 1_000, den: 1 },
    mean: { num: 55_000, den: 10 },
    p90: { num: 9_000, den: 1 },
    withinTarget: { num: 10, den: 10 },
  },
  { name: 'no turns', spec: {}, gaps: [], first: null, mean: null, p90: null, withinTarget: null },
  {
    name: 'one customer turn',
    spec: { turns: [customer(0, 1_000)] },
    gaps: [],
    first: null,
    mean: null,
    p90: null,
    withinTarget: null,
  },
  {
    name: 'no agent turn',
    spec: { turns: [customer(0, 1_000), customer(5_000, 6_000)] },
    gaps: [],
    first: null,
    mean: null,
    p90: null,
    withinTarget: null,
  },
  {
    name: 'only system turns',
    spec: { turns: [system(0), system(1_000, 'Chat ended')] },
    gaps: [],
    first: null,
    mean: null,
    p90: null,
    withinTarget: null,
  },
];

describe('promptness', () => {
  test.each(cases)('$name', ({ spec, gaps, first, mean, p90, withinTarget }) => {
    const v = view(spec);
    expect(responseGaps(v).map((g) => g.gapMs)).toEqual(gaps);
    expect(firstResponseMs(v).value).toEqual(first);
    expect(responseTimeMs(v).value).toEqual(mean);
    expect(responseTimeP90Ms(v).value).toEqual(p90);
    expect(responseWithinTargetRate(v).value).toEqual(withinTarget);
  });

  test('a late response is evidence, pointing at the answering turn by its input index', () => {
    const v = view({
      channel: 'voice',
      turns: [
        agent(20_000, 21_000, 'Sorry for the wait.'),
        customer(9_000, 12_000),
        agent(5_000),
        customer(0, 2_000),
      ],
    });
    expect(responseWithinTargetRate(v).evidence).toEqual([
      {
        metric: 'responseWithinTargetRate',
        kind: 'flag',
        turnIndex: 0,
        start: 0,
        end: 19,
        text: 'Sorry for the wait.',
      },
    ]);
  });

  test('response targets come from the options', () => {
    const v = view(
      { turns: [customer(0), agent(10_000)] },
      { responseTargetsMs: { voice: 3_000, chat: 5_000, email: 60_000 } },
    );
    expect(responseWithinTargetRate(v).value).toEqual({ num: 0, den: 1 });
  });

  test('handle time is endedAt − startedAt (10 minutes in the fixture)', () => {
    expect(handleTimeMs(view({})).value).toEqual({ num: 600_000, den: 1 });
  });
});

describe('connect-time greetings are not responses (METRICS.md v2)', () => {
  // Customer 0–3 s, greeting at 500 ms (connect time), the real answer at 4 s: the first response is
  // 4,000 − 0 and the only gap is 4,000 − 3,000.
  const call = () =>
    view({
      channel: 'voice',
      turns: [
        customer(0, 3_000, 'Hi, my card was charged twice.'),
        agent(500, 1_500, 'Thank you for calling Acme.'),
        agent(4_000, 6_000, 'I can look into that charge now.'),
      ],
    });

  test('first response skips the greeting', () => {
    expect(firstResponseMs(call()).value).toEqual({ num: 4_000, den: 1 });
  });

  test('the greeting does not close the customer run', () => {
    expect(responseGaps(call()).map((g) => g.gapMs)).toEqual([1_000]);
  });
});

describe('nonTalkTimeShare (METRICS.md v2)', () => {
  // Worked by hand: the union of all turns' [startMs, endMs) from the first start to the last end;
  // uncovered stretches longer than 3,000 ms are non-talk time.
  test.each<[string, ConversationSpec, Fraction | null]>([
    [
      'one silence of 4 s among short pauses: 4,000 / 12,000',
      {
        channel: 'voice',
        turns: [customer(0, 2_000), agent(2_500, 5_000), customer(9_000, 10_000), agent(10_500, 12_000)],
      },
      { num: 4_000, den: 12_000 },
    ],
    [
      'exactly 3 s is not longer than 3 s: 0 / 5,000',
      { channel: 'voice', turns: [customer(0, 1_000), agent(4_000, 5_000)] },
      { num: 0, den: 5_000 },
    ],
    [
      'a turn inside another covers nothing new: 4,000 / 11,000',
      { channel: 'voice', turns: [customer(0, 6_000), agent(1_000, 2_000), agent(10_000, 11_000)] },
      { num: 4_000, den: 11_000 },
    ],
    [
      'system turns are ignored',
      { channel: 'voice', turns: [system(0), customer(1_000, 2_000), agent(2_500, 4_000), system(20_000)] },
      { num: 0, den: 3_000 },
    ],
    ['not voice', { channel: 'chat', turns: [customer(0, 1_000), agent(60_000, 61_000)] }, null],
    ['no turns', { channel: 'voice', turns: [] }, null],
  ])('%s', (_, spec, expected) => {
    expect(nonTalkTimeShare(view(spec)).value).toEqual(expected);
  });
});
