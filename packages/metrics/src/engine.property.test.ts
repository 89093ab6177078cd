import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { METRICS } from './catalog.ts';
import type { Conversation, ConversationEvent, Turn } from './conversation.ts';
import { computeConversation } from './engine.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './result.ts';
import { ENDED_AT, STARTED_AT } from './test-helpers.ts';

const options: EngineOptions = {
  ...DEFAULT_ENGINE_OPTIONS,
  scripts: ['Thank you for contacting Acme support, how can I help you today?'],
};

/** Texts that trigger the lexicons, the backchannel rule and the sentence splitter, plus free text. */
const SNIPPETS = [
  'Hello.',
  'Thanks, Will!',
  'I can’t do that.',
  'Just to confirm, you were charged twice?',
  'Mm-hmm.',
  'Okay.',
  'Your RMA is with tier 2.',
  'I guarantee it.',
  'How did I do?',
  'I’m sorry.',
  'calm down',
  'I’ll transfer you to billing because they can refund it.',
  'Thank you for contacting Acme support, how can I help you today?',
  'not helpful at all',
  '\n',
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 3 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 40 }),
);

/** Turns with distinct start times (the order-independence property needs them distinct). */
const turns = fc
  .uniqueArray(
    fc.record({
      startMs: fc.nat(600_000),
      speaker: fc.constantFrom<Turn['speaker']>('agent', 'customer', 'system'),
      text,
      durationMs: fc.option(fc.nat(20_000), { nil: null }),
    }),
    { selector: (t) => t.startMs, maxLength: 12 },
  )
  .map((specs) =>
    specs.map(
      ({ durationMs, ...turn }): Turn =>
        durationMs === null ? turn : { ...turn, endMs: turn.startMs + durationMs },
    ),
  );

const startedAtMs = Date.parse(STARTED_AT);
const instant = fc
  .integer({ min: -3_600_000, max: 100 * 3_600_000 })
  .map((ms) => new Date(startedAtMs + ms).toISOString());

const conversationEvent = fc
  .record({
    type: fc.constantFrom('follow_up', 'transfer', 'promise', 'resolved', 'survey_sent'),
    at: instant,
    dueAt: fc.option(instant, { nil: undefined }),
  })
  .map(({ dueAt, ...rest }): ConversationEvent => (dueAt === undefined ? rest : { ...rest, dueAt }));

const conversation: fc.Arbitrary<Conversation> = fc.record({
  id: fc.constant('c-prop'),
  channel: fc.constantFrom('voice', 'chat', 'email'),
  startedAt: fc.constant(STARTED_AT),
  endedAt: fc.constant(ENDED_AT),
  agent: fc.constant({ id: 'a-1' }),
  customer: fc.record({ name: fc.constantFrom('Will Turner', 'Ana Ruiz', null) }),
  turns,
  events: fc.array(conversationEvent, { maxLength: 5 }),
  survey: fc.option(
    fc.record({
      csat: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
      comment: fc.option(text, { nil: null }),
    }),
    { nil: null },
  ),
});

const RATE_IDS = new Set(METRICS.filter((m) => m.unit === 'ratio').map((m) => m.id));

describe('computeConversation properties', () => {
  test('every fraction is finite with a positive denominator; rates lie in [0, 1]', () => {
    fc.assert(
      fc.property(conversation, (c) => {
        const result = computeConversation(c, options);
        for (const [id, { num, den }] of Object.entries(result.metrics)) {
          expect(Number.isFinite(num) && Number.isFinite(den) && den > 0).toBe(true);
          if (RATE_IDS.has(id as never)) {
            expect(num / den).toBeGreaterThanOrEqual(0);
            expect(num / den).toBeLessThanOrEqual(1);
          }
        }
        expect(result.responseGapsMs.every((gap) => gap >= 0)).toBe(true);
      }),
    );
  });

  test('evidence spans quote the turn they point at', () => {
    fc.assert(
      fc.property(conversation, (c) => {
        for (const e of computeConversation(c, options).evidence) {
          const turn = c.turns[e.turnIndex];
          expect(turn?.speaker).not.toBe('system');
          expect(turn?.text.slice(e.start, e.end)).toBe(e.text);
        }
      }),
    );
  });

  test('the result does not depend on the input order of turns with distinct startMs', () => {
    fc.assert(
      fc.property(
        conversation.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.shuffledSubarray(c.turns, { minLength: c.turns.length, maxLength: c.turns.length }),
          ),
        ),
        ([c, shuffledTurns]) => {
          const original = computeConversation(c, options);
          const shuffled = computeConversation({ ...c, turns: shuffledTurns }, options);
          expect(shuffled.metrics).toEqual(original.metrics);
          expect(shuffled.responseGapsMs).toEqual(original.responseGapsMs);
          // Evidence points at the same turns, found by identity rather than by (changed) index.
          const byTurn = (turnList: Turn[]) => (e: { turnIndex: number }) => ({
            ...e,
            turnIndex: turnList[e.turnIndex],
          });
          expect(shuffled.evidence.map(byTurn(shuffledTurns))).toEqual(
            original.evidence.map(byTurn(c.turns)),
          );
        },
      ),
    );
  });
});
