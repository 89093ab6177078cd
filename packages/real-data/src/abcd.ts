import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { z } from 'zod';
import { convertWith, isoFromMs } from './converted.ts';

/**
 * ABCD (Action-Based Conversations Dataset, ASAPP): crowd-sourced customer-service chats with the
 * agent's actions in the tool. See `../shared/datasets/abcd-sample/`.
 *
 * Choices:
 * - The data has no time at all. Each conversation starts at `ABCD_START` and turn i (0-based, in the
 *   order of `original`, action turns included) starts at i × `ABCD_TURN_STEP_MS`; messages are instants.
 *   The times only keep the order: every time-based metric (first response, response times and their
 *   p90, responses within target, handle time, conversations per day) is an artefact of this choice and
 *   is meaningless for ABCD. Voice metrics are null anyway (chat).
 * - `action` turns (what the agent did in the tool: "Account has been pulled up for …") become `system`
 *   turns, which every metric ignores.
 * - The text is `original` (with the real names), not `delexed`.
 * - The agents are anonymous crowd workers: one agent, `ABCD_AGENT_ID`.
 * - The customer's name is `scenario.personal.customer_name`, capitalised ("crystal minh" → "Crystal
 *   Minh") for display; matching a name ignores case anyway.
 */
export const ABCD_AGENT_ID = 'abcd-agent';
export const ABCD_TEAM = 'abcd';
export const ABCD_START = '2021-01-01T09:00:00.000Z';
export const ABCD_TURN_STEP_MS = 10_000;

const SPEAKERS = { agent: 'agent', customer: 'customer', action: 'system' } as const;

export const AbcdConversationSchema = z.looseObject({
  convo_id: z.union([z.number(), z.string()]),
  scenario: z.looseObject({
    personal: z
      .looseObject({ customer_name: z.string().optional(), username: z.string().optional() })
      .optional(),
    flow: z.string().optional(),
    subflow: z.string().optional(),
  }),
  original: z
    .array(z.tuple([z.enum(['agent', 'customer', 'action']), z.string()]))
    .min(1, 'expected at least one turn'),
});
export type AbcdConversation = z.infer<typeof AbcdConversationSchema>;

export function titleCase(name: string): string {
  return name.replace(
    /(^|[\s'-])(\p{Ll})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

export function abcdToRecord(conversation: AbcdConversation): ConversationRecord {
  const { convo_id: convoId, scenario, original } = conversation;
  const start = Date.parse(ABCD_START);
  const name = scenario.personal?.customer_name?.trim();
  const queue = [scenario.flow, scenario.subflow].filter(Boolean).join('/');
  return {
    id: `abcd-${convoId}`,
    channel: 'chat',
    startedAt: ABCD_START,
    endedAt: isoFromMs(start + (original.length - 1) * ABCD_TURN_STEP_MS),
    agent: { id: ABCD_AGENT_ID, name: 'ABCD crowd agent', team: ABCD_TEAM },
    customer: {
      id: `abcd-customer-${scenario.personal?.username ?? convoId}`,
      name: name ? titleCase(name) : null,
    },
    ...(queue ? { queue } : {}),
    turns: original.map(([speaker, text], index) => ({
      speaker: SPEAKERS[speaker],
      text,
      startMs: index * ABCD_TURN_STEP_MS,
    })),
  };
}

export function convertAbcdConversation(input: unknown) {
  return convertWith(AbcdConversationSchema, input, abcdToRecord);
}
