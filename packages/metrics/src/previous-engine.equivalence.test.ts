/**
 * Temporary: the engine before the second speed round (previous-engine/) and the engine now give
 * exactly the same results, on demo conversations and on random ones with awkward texts. Removed
 * with the copy once the round is done.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateDemo } from '../../../apps/api/src/demo/generate.ts';
import type { Conversation, Turn } from './conversation.ts';
import { computeConversation } from './engine.ts';
import { computeConversation as previousCompute } from './previous-engine/engine.ts';
import { ENDED_AT, STARTED_AT } from './test-helpers.ts';

const AWKWARD = [
  'Hi Will, thanks for waiting.',
  'I can’t do that, unfortunately.',
  'I’m so sorry , that must be frustrating!!',
  'Just to confirm, you were charged twice for the order?',
  'Mm-hmm.',
  'okay',
  'Your RMA is with tier 2 — a chargeback. Run the .msi file.',
  'I guarantee it will never happen again.',
  'How did I do today?',
  'I’ll transfer you to billing because they can refund it.',
  'See https://help.example.com/a?b=1. Is it fixed? www.example.org/x.',
  'You wrote "charged twice for the order" — is that right?',
  '> I was charged twice\n> for the order',
  'On Mon, 3 Nov 2026 at 10:00, Will Turner <will@example.com> wrote:\n> thanks',
  '-----Original Message-----\nFrom: Will\nSent: Monday',
  'I , understand . KELVIN \u212Aernel, Zoë, Zoe\u0308, ñu, façade.',
  '\u2018cause it’s Will’s account ʼn stuff′s',
  '   \n\n  \t ',
  'Thank you so much! I really appreciate your patience.',
  'That’s not my problem. You should have read the policy.',
  'I will follow up by email tomorrow.',
  '',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...AWKWARD), { maxLength: 4 }).map((parts) => parts.join(' ')),
  fc.array(fc.constantFrom(...AWKWARD), { maxLength: 3 }).map((parts) => parts.join('\n')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const turns = fc.array(
  fc.record({
    speaker: fc.constantFrom<Turn['speaker']>('agent', 'customer', 'system'),
    text,
    // A small set of start times, so that many turns tie.
    startMs: fc.constantFrom(0, 1_000, 5_000, 30_000, 120_000),
    endMs: fc.option(fc.constantFrom(500, 2_000, 40_000), { nil: undefined }),
  }),
  { maxLength: 12 },
);

const conversation: fc.Arbitrary<Conversation> = fc.record({
  id: fc.constant('c-equivalence'),
  channel: fc.constantFrom('voice', 'chat', 'email'),
  startedAt: fc.constant(STARTED_AT),
  endedAt: fc.constant(ENDED_AT),
  agent: fc.constant({ id: 'a-1', name: 'Ana Silva' }),
  customer: fc.constantFrom({ name: 'Will Turner' }, { name: 'Zoë' }, null),
  turns,
  events: fc.constantFrom([], [{ type: 'transfer', at: ENDED_AT }]),
  survey: fc.option(fc.record({ csat: fc.constantFrom(1, 3, 5, null), comment: text }), { nil: undefined }),
});

describe('the engine against its previous version', () => {
  test('gives the same results on 3,000 demo conversations', () => {
    for (const record of generateDemo({ conversations: 3_000, seed: 7 })) {
      expect(computeConversation(record)).toEqual(previousCompute(record));
    }
  }, 60_000);

  test('gives the same results on 2,000 random conversations with awkward texts', () => {
    fc.assert(
      fc.property(conversation, (c) => {
        expect(computeConversation(c)).toEqual(previousCompute(c));
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});
