import type { Conversation } from '@rapport/metrics';
import { z } from 'zod';

/**
 * Interaction log format v1 (DESIGN.md). The zod schema is the single source of truth: the published
 * JSON Schema (`docs/interaction-log.schema.json`) is generated from it.
 */
const isoInstant = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date-time such as 2026-11-02T09:15:00Z',
});
const nonNegativeMs = z.number().int('expected whole milliseconds').nonnegative('expected a number ≥ 0');

export const TurnSchema = z
  .object({
    speaker: z.enum(['agent', 'customer', 'system']),
    text: z.string(),
    startMs: nonNegativeMs,
    endMs: nonNegativeMs.nullish(),
  })
  .refine((t) => t.endMs == null || t.endMs >= t.startMs, {
    message: 'endMs must be ≥ startMs',
    path: ['endMs'],
  });

export const EventSchema = z.looseObject({
  type: z.string().min(1),
  at: isoInstant,
  to: z.string().optional(),
  dueAt: isoInstant.optional(),
  channel: z.string().optional(),
});

export const ConversationSchema = z
  .object({
    id: z.string().min(1, 'expected a non-empty id'),
    channel: z.enum(['voice', 'chat', 'email']),
    startedAt: isoInstant,
    endedAt: isoInstant,
    agent: z.object({
      id: z.string().min(1, 'expected a non-empty agent id'),
      name: z.string().nullish(),
      team: z.string().nullish(),
    }),
    customer: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
    queue: z.string().nullish(),
    turns: z.array(TurnSchema).min(1, 'expected at least one turn'),
    events: z.array(EventSchema).optional(),
    survey: z
      .object({
        csat: z.number().min(1).max(5).nullish(),
        comment: z.string().nullish(),
        at: isoInstant.nullish(),
      })
      .nullish(),
  })
  .refine((c) => Date.parse(c.endedAt) >= Date.parse(c.startedAt), {
    message: 'endedAt must not be before startedAt',
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
      const foundText = found === undefined ? 'nothing' : JSON.stringify(found)?.slice(0, 60);
      return `${path}: ${issue.message} (found ${foundText})`;
    })
    .join('; ');
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

export function parseConversation(input: unknown): ParseResult {
  const result = ConversationSchema.safeParse(input);
  return result.success
    ? { ok: true, record: result.data }
    : { ok: false, error: describeIssues(result.error, input) };
}
