import { describe, expect, test } from 'vitest';
import { digestWeeks } from './digest.job.ts';
import { buildDigest, type DigestInput, digestText } from './digest.ts';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const PREVIOUS = { from: '2026-11-16', to: '2026-11-22' };

/**
 * Three agents, worked by hand (change = |after − before| ÷ max(|before|, |after|), listed from 0.1 on):
 * - Priya (10 → 8 conversations): response time 40 s → 60 s is worse (lower is better), 20/60 = 1/3;
 *   thanks 50 % → 80 % is better, 0.3/0.8 = 0.375; interruptions 0.2 → 0.21 is 0.01/0.21 ≈ 0.048,
 *   too small; handle time doubles but has no better direction; CSAT has no data the week before.
 * - Tom (4 → 12): under 5 conversations the week before, so not compared, however much he changed.
 * - Sam (6 → 5): interruptions 0 → 0.5 is 0.5/0.5 = 1; response time 9 s → 10 s is 1/10, exactly the
 *   threshold, so listed; empathy unchanged.
 */
const INPUT: DigestInput = {
  teamId: 'billing',
  teamName: 'Billing',
  week: WEEK,
  previousWeek: PREVIOUS,
  agents: [
    {
      agentId: 'a-1',
      agentName: 'Priya Nair',
      previous: {
        conversations: 10,
        values: {
          responseTimeMs: 40_000,
          thankRate: 0.5,
          interruptionsPerConversation: 0.2,
          handleTimeMs: 300_000,
          csat: null,
        },
      },
      week: {
        conversations: 8,
        values: {
          responseTimeMs: 60_000,
          thankRate: 0.8,
          interruptionsPerConversation: 0.21,
          handleTimeMs: 600_000,
          csat: 4,
        },
      },
    },
    {
      agentId: 'a-2',
      agentName: 'Tom Berg',
      previous: { conversations: 4, values: { responseTimeMs: 10_000 } },
      week: { conversations: 12, values: { responseTimeMs: 90_000 } },
    },
    {
      agentId: 'a-3',
      agentName: 'Sam Lee',
      previous: {
        conversations: 6,
        values: { interruptionsPerConversation: 0, responseTimeMs: 9_000, empathyRate: 0.25 },
      },
      week: {
        conversations: 5,
        values: { interruptionsPerConversation: 0.5, responseTimeMs: 10_000, empathyRate: 0.25 },
      },
    },
  ],
  openDisputes: 2,
  openReviews: 1,
};

describe('the weekly digest', () => {
  test('lists who slipped and what improved, biggest change first, from 10 % on', () => {
    const digest = buildDigest(INPUT);
    expect(digest.agentsCompared).toBe(2);
    expect(digest.slipped.total).toBe(3);
    expect(digest.slipped.shown.map((c) => [c.agentId, c.metric, c.before, c.after])).toEqual([
      ['a-3', 'interruptionsPerConversation', 0, 0.5],
      ['a-1', 'responseTimeMs', 40_000, 60_000],
      ['a-3', 'responseTimeMs', 9_000, 10_000],
    ]);
    expect(digest.slipped.shown.map((c) => c.change)).toEqual([1, 1 / 3, 0.1]);
    expect(digest.improved.shown.map((c) => [c.agentId, c.metric, c.before, c.after])).toEqual([
      ['a-1', 'thankRate', 0.5, 0.8],
    ]);
    expect(digest.improved.shown[0]?.change).toBeCloseTo(0.375, 12);
  });

  test('reads as text, with an honest "2 of 3" when the list is cut', () => {
    const digest = buildDigest(INPUT, { minConversations: 5, minChange: 0.1, top: 2 });
    expect(digestText(digest)).toBe(
      [
        'Billing, 2026-11-23 to 2026-11-29, against the week before: 2 agents with at least 5 conversations in both weeks.',
        '',
        'Slipped (2 of 3):',
        '- Sam Lee: interruptions 0.00 per conversation → 0.50 per conversation',
        '- Priya Nair: response time 40.0 s → 1.0 min',
        '',
        'Improved:',
        '- Priya Nair: thanks the customer 50 % → 80 %',
        '',
        'Open disputes: 2',
        'Open reviews: 1',
      ].join('\n'),
    );
  });

  test('a quiet week says nobody, and leaves out reviews it does not count', () => {
    const digest = buildDigest({ ...INPUT, agents: [], openDisputes: 0, openReviews: null });
    expect(digestText(digest)).toBe(
      [
        'Billing, 2026-11-23 to 2026-11-29, against the week before: 0 agents with at least 5 conversations in both weeks.',
        '',
        'Slipped: nobody.',
        '',
        'Improved: nobody.',
        '',
        'Open disputes: 0',
      ].join('\n'),
    );
  });

  test.each([
    // Monday 06:00 UTC, 2026-11-30: the week before is 23–29 November.
    ['UTC', '2026-11-30T06:00:00Z', WEEK, PREVIOUS],
    // Still Sunday the 29th in Los Angeles: the last full week there ended on the 22nd.
    ['America/Los_Angeles', '2026-11-30T06:00:00Z', PREVIOUS, { from: '2026-11-09', to: '2026-11-15' }],
  ])('in %s at %s the digest covers %o', (zone, now, week, previousWeek) => {
    expect(digestWeeks(zone, new Date(now))).toEqual({ week, previousWeek });
  });
});
