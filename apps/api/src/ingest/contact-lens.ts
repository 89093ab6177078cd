import { createHash } from 'node:crypto';
import { EARLIEST_DAY, formatBytes } from '@rapport/metrics';
import { z } from 'zod';
import { type ParsedItem, stripByteOrderMark } from './jsonl.ts';
import { type ConversationRecord, describeIssues, parseConversation } from './record.ts';
import type { TextInput } from './text-lines.ts';
import { invalidUtf8Offset } from './text-safety.ts';

/**
 * Amazon Connect Contact Lens conversational-analytics output (docs/formats.md): one JSON file is
 * one contact, voice ("VOICE-…" versions, turn offsets in ms) or chat (absolute times). The whole
 * document has to be parsed at once, so the file is read whole, up to a size limit.
 */
export const CONTACT_LENS_MAX_BYTES = 20 * 1024 * 1024;
/** Contact Lens files carry no agent id (only per-contact participant ids): the stand-in. */
export const UNKNOWN_AGENT_ID = 'unknown-agent';
/** Start of a voice contact whose file tells no date (the documentation's example): the stand-in, the earliest accepted day. */
export const UNKNOWN_START = `${EARLIEST_DAY}T00:00:00.000Z`;

export interface ContactLensOptions {
  /** Id when the file has no CustomerMetadata.ContactId; without either, one is made from the file's hash. */
  id?: string;
  /** The agent's id in Rapport; Contact Lens names none. Defaults to `unknown-agent`. */
  agentId?: string;
  /** When a voice contact started (ISO 8601), if its file does not tell. */
  startedAt?: string;
  /** Size limit in bytes; defaults to 20 MiB. */
  maxBytes?: number;
}

type Speaker = 'agent' | 'customer' | 'system';

/** Connect participant roles; a supervisor or bot is neither the agent being scored nor the customer. */
const SPEAKER_OF_ROLE: Record<string, Speaker> = {
  AGENT: 'agent',
  CUSTOMER: 'customer',
  SYSTEM: 'system',
  CUSTOM_BOT: 'system',
  SUPERVISOR: 'system',
};

/** Chat events that say nothing about the conversation and would only crowd the record. */
const IGNORED_CHAT_EVENTS = new Set(['typing', 'message.delivered', 'message.read']);
const CHAT_EVENT_PREFIX = 'application/vnd.amazonaws.connect.event.';

// Redacted files leave the role out of Participants; the transcript items still carry it.
const Participant = z.looseObject({
  ParticipantId: z.string(),
  ParticipantRole: z.string().optional(),
  DisplayName: z.string().optional(),
});

const AnalysisFile = z.looseObject({
  Channel: z.string().optional(),
  Participants: z.array(Participant).optional(),
  Transcript: z.array(z.unknown()),
  CustomerMetadata: z
    .looseObject({ ContactId: z.string().optional(), InputS3Uri: z.string().optional() })
    .optional(),
  ConversationCharacteristics: z
    .looseObject({ TotalConversationDurationMillis: z.number().nonnegative().optional() })
    .optional(),
});
type AnalysisFile = z.infer<typeof AnalysisFile>;

const VoiceFile = AnalysisFile.extend({
  Transcript: z.array(
    z.looseObject({
      ParticipantId: z.string(),
      Content: z.string(),
      BeginOffsetMillis: z.number().nonnegative(),
      EndOffsetMillis: z.number().nonnegative(),
    }),
  ),
});

const ChatFile = AnalysisFile.extend({
  Transcript: z.array(
    z.looseObject({
      AbsoluteTime: z.iso.datetime({ offset: true }),
      Type: z.string().optional(),
      ParticipantId: z.string().optional(),
      ParticipantRole: z.string().optional(),
      Content: z.string().optional(),
      ContentType: z.string().optional(),
      DisplayName: z.string().optional(),
    }),
  ),
});

const GivenStart = z.iso.datetime({ offset: true });

type Built = { record: unknown } | { error: string };

export async function* parseContactLens(
  input: TextInput | string | Uint8Array,
  options: ContactLensOptions = {},
): AsyncGenerator<ParsedItem> {
  const read = await readText(input, options.maxBytes ?? CONTACT_LENS_MAX_BYTES);
  if ('error' in read) {
    yield { line: 1, error: read.error };
    return;
  }
  yield parseContactLensText(read.text, options);
}

/** One contact from the text of its analysis file. */
export function parseContactLensText(text: string, options: ContactLensOptions = {}): ParsedItem {
  const json = parseJson(text);
  if ('error' in json) return json;
  const built = buildRecord(json.value, text, options);
  if ('error' in built) return { line: 1, error: built.error };
  const result = parseConversation(built.record);
  if (result.ok) return { line: 1, record: result.record };
  return { line: 1, error: `the contact does not make a valid conversation: ${result.error}` };
}

function buildRecord(value: unknown, text: string, options: ContactLensOptions): Built {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `not a Contact Lens analysis file: expected a JSON object, found ${kindOf(value)}` };
  }
  const file = AnalysisFile.safeParse(value);
  if (!file.success)
    return { error: `not a Contact Lens analysis file: ${describeIssues(file.error, value)}` };
  const channel = channelOf(file.data);
  if (typeof channel !== 'string') return channel;
  const id =
    file.data.CustomerMetadata?.ContactId || options.id || `contact-lens-${sha256(text).slice(0, 16)}`;
  const agent = { id: options.agentId || UNKNOWN_AGENT_ID };
  if (channel === 'voice') {
    const voice = VoiceFile.safeParse(value);
    if (!voice.success)
      return { error: `Contact Lens voice analysis: ${describeIssues(voice.error, value)}` };
    return buildVoice(voice.data, { id, agent, options });
  }
  const chat = ChatFile.safeParse(value);
  if (!chat.success) return { error: `Contact Lens chat analysis: ${describeIssues(chat.error, value)}` };
  return buildChat(chat.data, { id, agent });
}

function channelOf(file: AnalysisFile): 'voice' | 'chat' | { error: string } {
  const channel = file.Channel?.toUpperCase();
  if (channel === 'VOICE') return 'voice';
  if (channel === 'CHAT') return 'chat';
  if (channel) {
    return {
      error: `Contact Lens Channel ${JSON.stringify(file.Channel)} is not supported: expected VOICE or CHAT`,
    };
  }
  const first: unknown = file.Transcript[0];
  if (first && typeof first === 'object' && 'BeginOffsetMillis' in first) return 'voice';
  if (first && typeof first === 'object' && 'AbsoluteTime' in first) return 'chat';
  return {
    error:
      'not a Contact Lens analysis file: Channel is missing and the Transcript has neither BeginOffsetMillis (voice) nor AbsoluteTime (chat)',
  };
}

function buildVoice(
  file: z.infer<typeof VoiceFile>,
  { id, agent, options }: { id: string; agent: { id: string }; options: ContactLensOptions },
): Built {
  const roleOf = rolesById(file);
  const turns = [];
  for (const [index, turn] of file.Transcript.entries()) {
    // The documentation's call example uses the roles themselves as participant ids.
    const role = roleOf.get(turn.ParticipantId) ?? turn.ParticipantId;
    const speaker = SPEAKER_OF_ROLE[role.toUpperCase()];
    if (!speaker) return { error: unknownRole(`Transcript.${index}.ParticipantId`, role) };
    turns.push({
      speaker,
      text: turn.Content,
      startMs: Math.round(turn.BeginOffsetMillis),
      endMs: Math.round(turn.EndOffsetMillis),
    });
  }
  const start = voiceStart(file, options);
  if (typeof start !== 'number') return start;
  const lastEnd = turns.reduce((latest, turn) => Math.max(latest, turn.endMs), 0);
  const duration = Math.max(lastEnd, file.ConversationCharacteristics?.TotalConversationDurationMillis ?? 0);
  return {
    record: {
      id,
      channel: 'voice',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + Math.round(duration)).toISOString(),
      agent,
      turns,
    },
  };
}

/**
 * A voice file has only offsets. Its start comes from the caller, else from the Connect call
 * recording it was made from (`…_20201104T09:15_UTC.wav`, minute precision), else UNKNOWN_START.
 */
function voiceStart(file: AnalysisFile, options: ContactLensOptions): number | { error: string } {
  if (options.startedAt !== undefined) {
    if (!GivenStart.safeParse(options.startedAt).success) {
      return {
        error: `the start time given for this contact is not an ISO 8601 date-time: ${options.startedAt}`,
      };
    }
    return Date.parse(options.startedAt);
  }
  const recording = /_(\d{4})(\d{2})(\d{2})T(\d{2}):?(\d{2})(?::?(\d{2}))?_UTC\.wav$/i.exec(
    file.CustomerMetadata?.InputS3Uri ?? '',
  );
  if (recording) {
    const [, year, month, day, hour, minute, second = '00'] = recording;
    const fromName = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
    if (!Number.isNaN(fromName)) return fromName;
  }
  return Date.parse(UNKNOWN_START);
}

function buildChat(
  file: z.infer<typeof ChatFile>,
  { id, agent }: { id: string; agent: { id: string } },
): Built {
  const items = file.Transcript.map((item) => ({ ...item, at: Date.parse(item.AbsoluteTime) }));
  if (items.length === 0) return { error: 'Contact Lens chat analysis: the Transcript is empty' };
  const start = items.reduce((earliest, item) => Math.min(earliest, item.at), Number.POSITIVE_INFINITY);
  const end = items.reduce((latest, item) => Math.max(latest, item.at), Number.NEGATIVE_INFINITY);
  const roleOf = rolesById(file);
  const turns = [];
  const events: NonNullable<ConversationRecord['events']> = [];
  for (const [index, item] of items.entries()) {
    const type = item.Type?.toUpperCase() ?? (item.Content === undefined ? 'EVENT' : 'MESSAGE');
    const role = item.ParticipantRole ?? roleOf.get(item.ParticipantId ?? '');
    const speaker = role === undefined ? undefined : SPEAKER_OF_ROLE[role.toUpperCase()];
    if (role !== undefined && !speaker)
      return { error: unknownRole(`Transcript.${index}.ParticipantRole`, role) };
    if (type === 'MESSAGE' && item.Content !== undefined) {
      if (!speaker)
        return {
          error: `Contact Lens chat analysis: Transcript.${index} is a message without a ParticipantRole`,
        };
      turns.push({ speaker, text: item.Content, startMs: item.at - start, endMs: null });
    } else if (type === 'EVENT') {
      const eventType = (item.ContentType ?? 'event').replace(CHAT_EVENT_PREFIX, '');
      if (IGNORED_CHAT_EVENTS.has(eventType)) continue;
      events.push({
        type: eventType === 'transfer.succeeded' ? 'transfer' : eventType,
        at: new Date(item.at).toISOString(),
        ...(speaker ? { role: speaker } : {}),
        ...(shownName(item.DisplayName) ? { name: item.DisplayName } : {}),
      });
    }
  }
  const nameOf = (role: string) =>
    [...(file.Participants ?? []), ...file.Transcript]
      .filter((p) => (p.ParticipantRole ?? roleOf.get(p.ParticipantId ?? '')) === role)
      .map((p) => shownName(p.DisplayName))
      .find(Boolean);
  const customerName = nameOf('CUSTOMER');
  return {
    record: {
      id,
      channel: 'chat',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(end).toISOString(),
      agent: { ...agent, name: nameOf('AGENT') ?? null },
      ...(customerName ? { customer: { name: customerName } } : {}),
      turns,
      events,
    },
  };
}

function rolesById(file: AnalysisFile): Map<string, string> {
  return new Map(
    file.Participants?.flatMap((p) => (p.ParticipantRole ? [[p.ParticipantId, p.ParticipantRole]] : [])),
  );
}

/** A display name worth keeping: not absent and not a redaction mask such as [PII] or [NAME]. */
function shownName(name: string | undefined): string | undefined {
  return name && !/^\[[A-Z_]+\]$/.test(name) ? name : undefined;
}

function unknownRole(path: string, role: string): string {
  return `${path}: unknown participant role ${JSON.stringify(role)}; expected one of ${Object.keys(SPEAKER_OF_ROLE).join(', ')}`;
}

/** JSON.parse, with the place of a syntax error as line and column (V8 gives at most an offset). */
function parseJson(text: string): { value: unknown } | { line: number; error: string } {
  if (text.trim() === '')
    return { line: 1, error: 'the file is empty: expected a Contact Lens analysis JSON document' };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const reason = message
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
      .replace(/ (?:in JSON )?at position \d+.*$/s, '');
    const hint = /non-whitespace character after JSON/.test(message)
      ? ' (one file holds one contact: a second document or a stray closing brace?)'
      : '';
    const offset = syntaxErrorOffset(text);
    if (offset === undefined) return { line: 1, error: `not valid JSON: ${reason}${hint}` };
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { line, error: `not valid JSON at line ${line} column ${column}: ${reason}${hint}` };
  }
}

const JSON_LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

/** Offset of the first character that makes `text` invalid JSON: a small scanner of the JSON grammar. */
export function syntaxErrorOffset(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const take = (char: string) => {
    skipSpace();
    if (text.charAt(at) !== char) fail();
    at += 1;
  };
  const string = () => {
    take('"');
    for (;;) {
      const char = text.charAt(at);
      if (char === '"') break;
      if (char === '' || char < ' ') fail();
      at += 1;
      if (char === '\\') {
        JSON_ESCAPE.lastIndex = at;
        if (!JSON_ESCAPE.test(text)) fail();
        at = JSON_ESCAPE.lastIndex;
      }
    }
    at += 1;
  };
  const sequence = (close: string, item: () => void) => {
    skipSpace();
    if (text.charAt(at) === close) {
      at += 1;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text.charAt(at) !== ',') break;
      at += 1;
    }
    take(close);
  };
  const value = (): void => {
    skipSpace();
    const char = text.charAt(at);
    if (char === '{') {
      at += 1;
      sequence('}', () => {
        string();
        take(':');
        value();
      });
    } else if (char === '[') {
      at += 1;
      sequence(']', value);
    } else if (char === '"') {
      string();
    } else {
      JSON_LITERAL.lastIndex = at;
      if (!JSON_LITERAL.test(text)) fail();
      at = JSON_LITERAL.lastIndex;
    }
  };
  try {
    value();
    skipSpace();
    return at < text.length ? at : undefined;
  } catch (thrown) {
    return typeof thrown === 'number' ? thrown : undefined;
  }
}

async function readText(
  input: TextInput | string | Uint8Array,
  maxBytes: number,
): Promise<{ text: string } | { error: string }> {
  const tooLarge = {
    error: `the file is larger than ${formatBytes(maxBytes)}, the limit for one Contact Lens analysis file; nothing was read`,
  };
  if (typeof input === 'string') {
    return Buffer.byteLength(input) > maxBytes ? tooLarge : { text: stripByteOrderMark(input) };
  }
  if (input instanceof Uint8Array) {
    return input.byteLength > maxBytes ? tooLarge : strictDecode(input);
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.byteLength;
    // Leaving the loop early also destroys a Node stream.
    if (size > maxBytes) return tooLarge;
    parts.push(bytes);
  }
  return strictDecode(Buffer.concat(parts));
}

/** The file's text; refused, never repaired, when it is not UTF-8 or holds NUL bytes (a binary file). */
function strictDecode(bytes: Uint8Array): { text: string } | { error: string } {
  const invalid = invalidUtf8Offset(bytes);
  if (invalid !== null) {
    return { error: `the file is not valid UTF-8 at byte ${invalid + 1} (a compressed or binary file?)` };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { error: `the file contains a NUL character at byte ${nul + 1} (a binary file?)` };
  return {
    text: stripByteOrderMark(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')),
  };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
