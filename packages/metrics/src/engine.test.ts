import { describe, expect, test } from 'vitest';
import { computeConversation } from './engine.ts';
import { agent, conversation, customer, event, system } from './test-helpers.ts';

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
      kind: 'flag',
      turnIndex: 1,
      start: 0,
      end: 25,
      text: 'What is the order number?',
    });
  });

  test('metrics that do not apply are absent, never 0', () => {
    const result = computeConversation(conversation({ channel: 'voice', turns: [system(0)] }));
    expect(result.responseGapsMs).toEqual([]);
    expect(result.evidence).toEqual([]);
    // Only what every conversation has: its duration. Interruptions apply to every voice call, and a
    // call without agent turns has none. Without an events field, follow-up and resolution are unknown.
    expect(result.metrics).toEqual({
      handleTimeMs: { num: 600_000, den: 1 },
      interruptionsPerConversation: { num: 0, den: 1 },
    });
  });

  test('an empty events list is known: not followed up, not resolved', () => {
    const result = computeConversation({
      ...conversation({ channel: 'voice', turns: [system(0)] }),
      events: [],
    });
    expect(result.metrics.followUpRate).toEqual({ num: 0, den: 1 });
    expect(result.metrics.resolutionRate).toEqual({ num: 0, den: 1 });
  });

  test('a chat with a name, a transfer, a promise and a survey: every metric, worked by hand', () => {
    const result = computeConversation(
      conversation({
        channel: 'chat',
        customerName: 'Will Turner',
        turns: [
          customer(0, null, 'Hi, my router keeps dropping and I am furious.'),
          agent(30_000, null, "Hi Will, I'm sorry to hear that. Which model do you have?"),
          customer(60_000, null, 'The X200.'),
          agent(
            90_000,
            null,
            "Unfortunately the X200 needs a tier 2 check. I'll transfer you to our specialist team who can fix this.",
          ),
          customer(120_000, null, 'Thank you, that is very helpful!'),
          agent(130_000, null, 'Thank you for your patience. How did I do today?'),
        ],
        events: [
          event('transfer', '2026-03-02T09:01:35Z'),
          event('promise', '2026-03-02T09:05:00Z', { dueAt: '2026-03-03T12:00:00Z' }),
          event('resolved', '2026-03-02T09:09:00Z'),
          event('follow_up', '2026-03-03T10:00:00Z'),
        ],
        survey: { csat: 5, comment: 'Very helpful, thank you!' },
      }),
    );
    // Gaps: 30 000 − 0, 90 000 − 60 000, 130 000 − 120 000. Agent words: 12 + 19 + 10 = 41, in
    // sentences of 7, 5, 8, 11, 5 and 5 words.
    expect(result.responseGapsMs).toEqual([30_000, 30_000, 10_000]);
    const { feedbackSentiment, customerSentimentShift, ...exact } = result.metrics;
    expect(exact).toEqual({
      firstResponseMs: { num: 30_000, den: 1 },
      responseTimeMs: { num: 70_000, den: 3 },
      responseTimeP90Ms: { num: 30_000, den: 1 },
      responseWithinTargetRate: { num: 3, den: 3 },
      handleTimeMs: { num: 600_000, den: 1 },
      paraphraseRate: { num: 0, den: 1 },
      clarifyingQuestionRate: { num: 1, den: 1 },
      empathyRate: { num: 1, den: 1 },
      negativeLanguagePer100Words: { num: 100, den: 41 },
      argumentRate: { num: 0, den: 1 },
      thankRate: { num: 1, den: 1 },
      personalizationRate: { num: 1, den: 1 },
      jargonPer100Words: { num: 100, den: 41 },
      avgSentenceWords: { num: 41, den: 6 },
      followUpRate: { num: 1, den: 1 },
      transferWithoutExplanationRate: { num: 0, den: 1 },
      overpromiseRate: { num: 0, den: 1 },
      promiseKeptRate: { num: 1, den: 1 },
      feedbackRequestRate: { num: 1, den: 1 },
      csat: { num: 5, den: 1 },
      resolutionRate: { num: 1, den: 1 },
    });
    expect(feedbackSentiment?.num).toBeGreaterThan(0);
    expect(customerSentimentShift?.num).toBeGreaterThan(0);
    expect(
      result.evidence.map(({ metric, kind, turnIndex, start, end, text }) => [
        metric,
        kind,
        turnIndex,
        start,
        end,
        text,
      ]),
    ).toEqual([
      // No restatement anywhere: the first statement is where one was expected.
      ['paraphraseRate', 'missing', 1, 0, 57, "Hi Will, I'm sorry to hear that. Which model do you have?"],
      // "How did I do today?" asks about the service, not about the issue: a feedback request only.
      ['clarifyingQuestionRate', 'credit', 1, 33, 57, 'Which model do you have?'],
      ['empathyRate', 'credit', 1, 9, 18, "I'm sorry"],
      ['negativeLanguagePer100Words', 'flag', 3, 0, 13, 'Unfortunately'],
      ['thankRate', 'credit', 5, 0, 9, 'Thank you'],
      ['personalizationRate', 'credit', 1, 3, 7, 'Will'],
      ['jargonPer100Words', 'flag', 3, 31, 37, 'tier 2'],
      ['transferWithoutExplanationRate', 'credit', 3, 45, 62, "I'll transfer you"],
      ['transferWithoutExplanationRate', 'credit', 3, 70, 85, 'specialist team'],
      ['feedbackRequestRate', 'credit', 5, 29, 41, 'How did I do'],
    ]);
  });
});
