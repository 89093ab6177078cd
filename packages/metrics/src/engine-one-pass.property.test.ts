/**
 * The one-pass view computes what several metrics read once, lazily, and compiles the lexicons of a
 * configuration once: neither may show in a result. Nor may the order of turns that start together
 * beyond the input order the view keeps for them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Conversation, Turn } from './conversation.ts';
import { computeConversation } from './engine.ts';
import { DEFAULT_LEXICONS, type LexiconId } from './lexicons/index.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './result.ts';
import { ENDED_AT, STARTED_AT } from './test-helpers.ts';

const SNIPPETS = [
  'Hi Will, thanks for waiting.',
  'I can’t do that, unfortunately.',
  'Just to confirm, you were charged twice for the order?',
  'Mm-hmm.',
  'Okay, got it.',
  'Your RMA is with tier 2 — a chargeback, which means a reversal. Run the .msi file.',
  'I guarantee it will never happen again.',
  'How did I do today?',
  'I’m so sorry, that must be frustrating.',
  'I’ll transfer you to billing because they can refund it.',
  'See https://help.example.com/a?b=1. Is it fixed?',
  'You wrote "charged twice for the order" — is that right?',
  'I , understand . KELVIN \u212Aernel, Zoë.',
  '',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 3 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 30 }),
);

/** Start times from a small set, so that many turns start together. */
const turns = fc.array(
  fc.record({
    speaker: fc.constantFrom<Turn['speaker']>('agent', 'customer', 'system'),
    text,
    startMs: fc.constantFrom(0, 1_000, 5_000, 30_000),
  }),
  { maxLength: 10 },
);

const conversation: fc.Arbitrary<Conversation> = fc.record({
  id: fc.constant('c-one-pass'),
  channel: fc.constantFrom('voice', 'chat', 'email'),
  startedAt: fc.constant(STARTED_AT),
  endedAt: fc.constant(ENDED_AT),
  agent: fc.constant({ id: 'a-1' }),
  customer: fc.constant({ name: 'Will Turner' }),
  turns,
  events: fc.constant([{ type: 'transfer', at: ENDED_AT }]),
});

/** The default lists as new arrays: a configuration the matcher caches have never seen. */
function freshDefaults(): EngineOptions {
  const ids = Object.keys(DEFAULT_LEXICONS) as LexiconId[];
  return {
    ...DEFAULT_ENGINE_OPTIONS,
    lexicons: Object.fromEntries(ids.map((id) => [id, [...DEFAULT_LEXICONS[id].entries]])),
    exceptions: Object.fromEntries(ids.map((id) => [id, [...DEFAULT_LEXICONS[id].exceptions]])),
  };
}

describe('the one-pass engine', () => {
  test('gives the same result from a freshly compiled configuration and from the cached one', () => {
    fc.assert(
      fc.property(conversation, (c) => {
        const cached = computeConversation(c);
        expect(computeConversation(c, freshDefaults())).toEqual(cached);
        expect(computeConversation(c)).toEqual(cached);
      }),
      { numRuns: 300 },
    );
    // Each run compiles every lexicon afresh: a few seconds, more on a busy machine.
  }, 60_000);

  test('turns that start together are read in input order, whatever order the others come in', () => {
    fc.assert(
      fc.property(conversation, (c) => {
        // A stable sort by start time moves every turn but keeps each tie in its input order.
        const sorted = [...c.turns].sort((a, b) => a.startMs - b.startMs);
        const original = computeConversation(c);
        const resorted = computeConversation({ ...c, turns: sorted });
        expect(resorted.metrics).toEqual(original.metrics);
        expect(resorted.responseGapsMs).toEqual(original.responseGapsMs);
        const byTurn = (list: Turn[]) => (e: { turnIndex: number }) => ({
          ...e,
          turnIndex: list[e.turnIndex],
        });
        expect(resorted.evidence.map(byTurn(sorted))).toEqual(original.evidence.map(byTurn(c.turns)));
      }),
      { numRuns: 300 },
    );
  });
});
