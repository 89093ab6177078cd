import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { z } from 'zod';
import { convertWith, isoFromMs } from './converted.ts';

/**
 * IBM Twitter customer-care conversations (`test.json`, an array): a brand's support account answers
 * a customer's public tweets. See `../shared/datasets/ibm-twitter-customer-care/`.
 *
 * Choices:
 * - Channel `chat`: short written messages answered by an agent, the closest of the format's channels.
 * - The last agent turn is `agentURL.url_utterance`; it has no `datetime`, so its instant comes from
 *   its tweet id (a Twitter snowflake: `(id >> 22) + 1288834974657` ms since 1970, computed with
 *   BigInt because ids exceed 2^53). It is cut to the whole second, as the data set did for every other
 *   message (their `datetime` is the snowflake instant floored to the second), so that every response
 *   gap is a difference of whole seconds.
 * - Turn times are offsets from the first message; messages are instants (no `endMs`).
 * - The reply prefix (the run of `@handle` mentions at the start of a tweet) is dropped from the text:
 *   Twitter keeps it out of the displayed text, it is addressing, not words anyone wrote. A tweet that is
 *   nothing but mentions keeps its text.
 * - Twitter's API escapes `&`, `<` and `>` as HTML entities (`&amp;`, `&lt;`, `&gt;`); they are
 *   decoded, or "amp" would count as a word the agent wrote.
 * - `agent` messages are the brand's; `client` (the customer) and `client1` (another member of the
 *   public who joined the thread) are both `customer` turns.
 * - The agent is the brand's account (`team` = brand). Where agents sign their tweets (`^JS`, `*SR`,
 *   `~Olivia`, `-Karla`, `/SQ` at the very end, before any `1/2` thread counter), the agent id is
 *   `Brand/Signature`, taken from the last agent turn that is signed (the final one in most threads);
 *   otherwise it is the brand alone, a "whole account" agent.
 * - The customer id is the first customer's handle; the customer has no name: a handle is not a first
 *   name, and matching it would credit every `@mention` as personalisation.
 * - `dialogHeader.duration` is not used: past 24 h it wraps around or turns negative.
 */
export const TWITTER_EPOCH_MS = 1288834974657n;

const MessageSchema = z.looseObject({
  agent: z.string().optional(),
  datetime: z.iso.datetime({ offset: true }),
  message: z.string(),
  tweet_ID: z.string().regex(/^\d+$/),
});

export const IbmTwitterConversationSchema = z.looseObject({
  agentURL: z.looseObject({
    tweet_ID: z.string().regex(/^\d+$/, 'expected a numeric tweet id'),
    url_utterance: z.string(),
  }),
  dialogContent: z.array(MessageSchema).min(1, 'expected at least one message'),
  dialogHeader: z.looseObject({ company: z.string().min(1), sessionID: z.string().min(1) }),
});
export type IbmTwitterConversation = z.infer<typeof IbmTwitterConversationSchema>;

/** When a tweet was posted, ms since 1970, from its (snowflake) id. */
export function tweetIdToMs(tweetId: string): number {
  return Number((BigInt(tweetId) >> 22n) + TWITTER_EPOCH_MS);
}

const REPLY_PREFIX = /^(?:\s*@\w+)+\s*/u;
const THREAD_COUNTER = /\s*\b\d{1,2}\/\d{1,2}\s*$/u;
/** A signature closes the tweet: a marker after a space or a sentence end, then initials or a first name. */
const SIGNATURE = /(?:^|[\s.!?,])([\^*~/–—-])\s?(\p{L}{1,20})\s*$/u;

/** The tweet without its reply prefix (`@brand @other …`), unless that is all there is. */
export function withoutReplyPrefix(message: string): string {
  const text = message.replace(REPLY_PREFIX, '');
  return text.trim() === '' ? message : text;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** The three entities Twitter escapes in tweet text, decoded in one pass ("&amp;gt;" → "&gt;"). */
export function decodeTwitterEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** A tweet's words as written: entities decoded, reply prefix dropped. */
export function tweetText(message: string): string {
  return withoutReplyPrefix(decodeTwitterEntities(message));
}

/** The agent's signature at the end of a tweet (`… ^JS`, `… ~ Olivia`, `… *SR 1/2`), or null. */
export function signatureOf(message: string): string | null {
  const name = SIGNATURE.exec(message.trimEnd().replace(THREAD_COUNTER, ''))?.[2];
  if (!name) return null;
  // "–jeh" and "–Jeh" are the same person.
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The naive reading, as switches, only so that the report can show what it would cost. */
export interface IbmTwitterOptions {
  /** Keep the `@handle` reply prefix in the text. */
  keepReplyPrefix?: boolean;
  /** Give the customer their handle as a name. */
  handleAsName?: boolean;
}

export function ibmTwitterToRecord(
  conversation: IbmTwitterConversation,
  options: IbmTwitterOptions = {},
): ConversationRecord {
  const { dialogContent, dialogHeader, agentURL } = conversation;
  const messages = [
    ...dialogContent.map((m) => ({
      speaker: m.agent === undefined ? ('customer' as const) : ('agent' as const),
      handle: m.agent ?? firstClientHandle(m),
      at: Date.parse(m.datetime),
      message: m.message,
    })),
    {
      speaker: 'agent' as const,
      handle: dialogHeader.company,
      at: Math.floor(tweetIdToMs(agentURL.tweet_ID) / 1000) * 1000,
      message: agentURL.url_utterance,
    },
  ];
  const start = Math.min(...messages.map((m) => m.at));
  const end = Math.max(...messages.map((m) => m.at));
  const signature = messages
    .filter((m) => m.speaker === 'agent')
    .map((m) => signatureOf(m.message))
    .findLast((s) => s !== null);
  const brand = dialogHeader.company;
  const customerHandle = messages.find((m) => m.speaker === 'customer')?.handle;
  return {
    id: `ibm-${dialogHeader.sessionID}`,
    channel: 'chat',
    startedAt: isoFromMs(start),
    endedAt: isoFromMs(end),
    agent: signature
      ? { id: `${brand}/${signature}`, name: `${brand} (${signature})`, team: brand }
      : { id: brand, name: `${brand} (unsigned)`, team: brand },
    ...(customerHandle
      ? { customer: { id: `@${customerHandle}`, name: options.handleAsName ? customerHandle : null } }
      : {}),
    turns: messages.map((m) => ({
      speaker: m.speaker,
      text: options.keepReplyPrefix ? decodeTwitterEntities(m.message) : tweetText(m.message),
      startMs: m.at - start,
    })),
  };
}

function firstClientHandle(message: Record<string, unknown>): string | undefined {
  const key = Object.keys(message).find((k) => k.startsWith('client'));
  const handle = key === undefined ? undefined : message[key];
  return typeof handle === 'string' ? handle : undefined;
}

export function convertIbmTwitterConversation(input: unknown, options: IbmTwitterOptions = {}) {
  return convertWith(IbmTwitterConversationSchema, input, (c) => ibmTwitterToRecord(c, options));
}
