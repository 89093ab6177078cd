import { CHANNELS, type Conversation, EARLIEST_DAY, isWithinCalendarRange } from '@rapport/metrics';
import { z } from 'zod';
import { MAX_EVENTS, MAX_LABEL_CHARS, MAX_TURN_CHARS, MAX_TURNS } from './input-limits.ts';
import { findUnstorableText } from './text-safety.ts';

/**
 * Interaction log format v1 (DESIGN.md). The zod schema is the single source of truth: the published
 * JSON Schema (`docs/interaction-log.schema.json`) is generated from it.
 */
const isoInstant = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date-time such as 2026-11-02T09:15:00Z',
});
const label = (what: string) =>
  z
    .string()
    .max(MAX_LABEL_CHARS, `expected ${what} of at most ${MAX_LABEL_CHARS.toLocaleString('en')} characters`);
const nonNegativeMs = z.number().int('expected whole milliseconds').nonnegative('expected a number ≥ 0');

export const TurnSchema = z
  .object({
    speaker: z.enum(['agent', 'customer', 'system']),
    text: z
      .string()
      .max(MAX_TURN_CHARS, `a turn's text is limited to ${MAX_TURN_CHARS.toLocaleString('en')} characters`),
    startMs: nonNegativeMs,
    endMs: nonNegativeMs.nullish(),
  })
  .refine((t) => t.endMs == null || t.endMs >= t.startMs, {
    message: 'endMs must be ≥ startMs',
    path: ['endMs'],
  });

export const EventSchema = z.looseObject({
  type: label('an event type').min(1),
  at: isoInstant,
  to: label('a transfer target').optional(),
  dueAt: isoInstant.optional(),
  channel: label('a channel').optional(),
});

export const ConversationSchema = z
  .object({
    id: label('an id').min(1, 'expected a non-empty id'),
    channel: z.enum(CHANNELS),
    startedAt: isoInstant,
    endedAt: isoInstant,
    agent: z.object({
      id: label('an agent id').min(1, 'expected a non-empty agent id'),
      name: label('a name').nullish(),
      team: label('a team id').nullish(),
    }),
    customer: z.object({ id: label('a customer id').nullish(), name: label('a name').nullish() }).nullish(),
    queue: label('a queue').nullish(),
    turns: z
      .array(TurnSchema)
      .min(1, 'expected at least one turn')
      .max(MAX_TURNS, `a conversation is limited to ${MAX_TURNS.toLocaleString('en')} turns`),
    events: z
      .array(EventSchema)
      .max(MAX_EVENTS, `a conversation is limited to ${MAX_EVENTS.toLocaleString('en')} events`)
      .optional(),
    survey: z
      .object({
        csat: z.number().min(1).max(5).nullish(),
        comment: z
          .string()
          .max(MAX_TURN_CHARS, `a comment is limited to ${MAX_TURN_CHARS.toLocaleString('en')} characters`)
          .nullish(),
        at: isoInstant.nullish(),
      })
      .nullish(),
  })
  .refine((c) => Date.parse(c.endedAt) >= Date.parse(c.startedAt), {
    message: 'endedAt must not be before startedAt',
    path: ['endedAt'],
  })
  .refine((c) => isWithinCalendarRange(c.startedAt, new Date()), {
    message: `startedAt must fall between ${EARLIEST_DAY} and one year from today`,
    path: ['startedAt'],
  })
  .refine((c) => isWithinCalendarRange(c.endedAt, new Date()), {
    message: `endedAt must fall between ${EARLIEST_DAY} and one year from today`,
    path: ['endedAt'],
  });

/** Checked at compile time: a validated record is a conversation the metric engine reads. */
export type ConversationRecord = z.infer<typeof ConversationSchema>;
const _fits: (r: ConversationRecord) => Conversation = (r) => r;
void _fits;

/** A person-readable reason: which field, what was expected, what was found. */
export function describeIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(record)';
      const found = valueAt(input, issue.path);
      const foundText = found === undefined ? 'nothing' : describeFound(found);
      return `${path}: ${issue.message} (found ${foundText})`;
    })
    .join('; ');
}

function describeFound(found: unknown): string | undefined {
  if (typeof found === 'string' && found.length > 60)
    return `${JSON.stringify(found.slice(0, 60))}… (${found.length.toLocaleString('en')} characters)`;
  if (Array.isArray(found) && found.length > 10)
    return `an array of ${found.length.toLocaleString('en')} items`;
  return JSON.stringify(found)?.slice(0, 60);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export type ParseResult = { ok: true; record: ConversationRecord } | { ok: false; error: string };

/** A valid record, or why not; text that cannot be stored is refused here, with where it is. */
export function parseConversation(input: unknown): ParseResult {
  const unstorable = findUnstorableText(input);
  if (unstorable) return { ok: false, error: `${unstorable.path}: ${unstorable.problem}` };
  const result = ConversationSchema.safeParse(input);
  return result.success
    ? { ok: true, record: result.data }
    : { ok: false, error: describeIssues(result.error, input) };
}
