/**
 * The one-pass engine beside the engine it replaces: on generated demo conversations and on random
 * conversations built from texts that exercise own words, links, quotes, accents and every lexicon,
 * `computeConversation` must give exactly what the previous engine gave.
 */
import { computeConversation, DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '@rapport/metrics';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeConversation as previousComputeConversation } from '../../../../packages/metrics/src/previous-engine/engine.ts';
import { generateDemo } from './generate.ts';
import { DEMO_SCRIPT_LINES } from './phrases.ts';

const WITH_SCRIPTS: EngineOptions = {
  ...DEFAULT_ENGINE_OPTIONS,
  scripts: [...DEMO_SCRIPT_LINES],
  now: '2026-01-01T00:00:00Z',
};

describe('the one-pass engine equals the previous engine', () => {
  test('on 3,000 demo conversations, with and without scripts', () => {
    let n = 0;
    for (const record of generateDemo({ conversations: 3_000 })) {
      const options = n++ % 2 === 0 ? DEFAULT_ENGINE_OPTIONS : WITH_SCRIPTS;
      expect(computeConversation(record, options)).toEqual(previousComputeConversation(record, options));
    }
    expect(n).toBe(3_000);
  });

  const SNIPPETS = [
    'Hi Will, thanks for waiting.',
    'I can’t do that, unfortunately.',
    "we can't refund it and won't",
    'Just to confirm, you were charged twice for the order?',
    'So you’re saying the invoice shows the wrong amount',
    'Mm-hmm.',
    'Okay, got it.',
    'Your RMA is with tier 2 (tier two) — a chargeback, which means a reversal.',
    'a chargeback or payment reversal',
    'I guarantee it will never happen again.',
    'How did I do today? Any feedback helps.',
    'I’m so sorry, that must be frustrating.',
    'calm down, as I already said',
    'I’ll transfer you to billing because they can refund it.',
    'See https://help.example.com/errors-26333?x=1. Is it fixed?',
    '> I was charged twice\nOn Mon, 3 Nov 2025 at 09:12, Sam <s@example.com> wrote:\n> old text',
    'You wrote "charged twice for the order" — is that right?',
    '--\nAna from Support',
    'Zoë, José, Ana.',
    'is there anything else i can help with',
    'what is the order number',
    'I understand. Thank you!',
    'The DNS cache and the back-end are fine.',
    '\n',
    '',
  ];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 4 }).map((parts) => parts.join(' ')),
    fc.string({ maxLength: 30 }),
  );
  const conversation = fc.record({
    id: fc.constant('c-eq'),
    channel: fc.constantFrom('voice' as const, 'chat' as const, 'email' as const),
    startedAt: fc.constant('2025-11-03T09:00:00.000Z'),
    endedAt: fc.constant('2025-11-03T09:20:00.000Z'),
    agent: fc.constant({ id: 'a-1' }),
    customer: fc.record({ name: fc.constantFrom('Will Turner', 'Zoe Ruiz', 'Ana', null) }),
    turns: fc.array(
      fc.record({
        speaker: fc.constantFrom('agent' as const, 'customer' as const, 'system' as const),
        text,
        startMs: fc.integer({ min: 0, max: 60_000 }),
      }),
      { maxLength: 10 },
    ),
    events: fc.array(
      fc.record({
        type: fc.constantFrom('follow_up', 'transfer', 'promise', 'resolved', 'survey_sent'),
        at: fc.constantFrom(
          '2025-11-03T09:00:30.000Z',
          '2025-11-03T09:10:00.000Z',
          '2025-11-04T09:00:00.000Z',
        ),
      }),
      { maxLength: 3 },
    ),
    survey: fc.option(fc.record({ csat: fc.integer({ min: 1, max: 5 }), comment: text }), { nil: null }),
  });

  test('on random conversations of awkward texts, turn-start ties included', () => {
    fc.assert(
      fc.property(conversation, fc.boolean(), (c, scripted) => {
        const options = scripted ? WITH_SCRIPTS : DEFAULT_ENGINE_OPTIONS;
        expect(computeConversation(c, options)).toEqual(previousComputeConversation(c, options));
      }),
      { numRuns: 2_000 },
    );
  });
});
