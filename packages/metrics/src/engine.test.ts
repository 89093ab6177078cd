import { describe, expect, test } from 'vitest';
import { computeConversation } from './engine.ts';
import { agent, conversation, customer, system } from './test-helpers.ts';

describe('computeConversation', () => {
  test('a voice call: every promptness and listening value, and the interruption as evidence', () => {
    const result = computeConversation(
      conversation({
        channel: 'voice',
        turns: [customer(0, 4_000), agent(2_000, 3_000, 'What is the order number?'), agent(6_000, 8_000)],
      }),
    );
    // Gap: the only agent response after the run is the one at 2 000 (the run ends at 4 000) → 0.
    expect(result.responseGapsMs).toEqual([0]);
    expect(result.metrics).toMatchObject({
      firstResponseMs: { num: 2_000, den: 1 },
      responseTimeMs: { num: 0, den: 1 },
      responseTimeP90Ms: { num: 0, den: 1 },
      responseWithinTargetRate: { num: 1, den: 1 },
      handleTimeMs: { num: 600_000, den: 1 },
      interruptionsPerConversation: { num: 1, den: 1 },
      talkRatio: { num: 3_000, den: 7_000 },
    });
    expect(result.evidence).toContainEqual({
      metric: 'interruptionsPerConversation',
      turnIndex: 1,
      start: 0,
      end: 25,
      text: 'What is the order number?',
    });
  });

  test('metrics that do not apply are absent, never 0', () => {
    const result = computeConversation(conversation({ channel: 'chat', turns: [system(0)] }));
    expect(result.responseGapsMs).toEqual([]);
    for (const id of [
      'firstResponseMs',
      'responseTimeMs',
      'responseTimeP90Ms',
      'responseWithinTargetRate',
      'interruptionsPerConversation',
      'talkRatio',
      'conversationsPerDay',
    ] as const) {
      expect(result.metrics[id]).toBeUndefined();
    }
  });
});
