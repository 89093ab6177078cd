import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  type ContactLensOptions,
  parseContactLens,
  syntaxErrorOffset,
  UNKNOWN_AGENT_ID,
  UNKNOWN_START,
} from './contact-lens.ts';
import type { ParsedItem } from './jsonl.ts';
import type { ConversationRecord } from './record.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const docExamples = path.resolve(repoRoot, '../shared/datasets/contact-lens-doc-examples');
const fixture = (name: string) => createReadStream(new URL(`./fixtures/${name}`, import.meta.url));
const docExample = (name: string) => createReadStream(path.join(docExamples, name));

async function only(items: AsyncIterable<ParsedItem>): Promise<ParsedItem> {
  const all: ParsedItem[] = [];
  for await (const item of items) all.push(item);
  expect(all).toHaveLength(1);
  return all[0] as ParsedItem;
}

async function record(
  input: Parameters<typeof parseContactLens>[0],
  options?: ContactLensOptions,
): Promise<ConversationRecord> {
  const item = await only(parseContactLens(input, options));
  if ('error' in item) throw new Error(`expected a record, got: ${item.error}`);
  return item.record;
}

async function error(input: Parameters<typeof parseContactLens>[0], options?: ContactLensOptions) {
  const item = await only(parseContactLens(input, options));
  if ('record' in item) throw new Error(`expected an error, got record ${item.record.id}`);
  return item;
}

const minimalVoice = (transcript: unknown[]) => JSON.stringify({ Channel: 'VOICE', Transcript: transcript });
const voiceTurn = { ParticipantId: 'AGENT', Content: 'Hello', BeginOffsetMillis: 0, EndOffsetMillis: 500 };

describe('parseContactLens on hand-written files of both shapes', () => {
  test('voice: roles, offsets, and the start taken from the call recording the file names', async () => {
    const call = await record(fixture('contact-lens-call.json'));
    expect(call).toMatchObject({
      id: '5f1e2d3c-0000-4000-8000-00000000c411',
      channel: 'voice',
      startedAt: '2026-11-04T09:15:00.000Z',
      endedAt: '2026-11-04T09:15:15.800Z',
      agent: { id: UNKNOWN_AGENT_ID },
    });
    expect(call.turns).toEqual([
      {
        speaker: 'agent',
        text: 'Thanks for calling, this is Maria. How can I help?',
        startMs: 0,
        endMs: 2400,
      },
      {
        speaker: 'customer',
        text: 'My internet has been down since yesterday and nobody called me back.',
        startMs: 2700,
        endMs: 7100,
      },
      {
        speaker: 'agent',
        text: "I'm sorry about that. I can see the outage and I will book a technician for tomorrow morning.",
        startMs: 7400,
        endMs: 12300,
      },
      { speaker: 'customer', text: 'Okay, thank you.', startMs: 12600, endMs: 14400 },
    ]);
  });

  test('voice: the caller may name the agent and the start; the contact id in the file wins over a given id', async () => {
    const call = await record(fixture('contact-lens-call.json'), {
      agentId: 'a-17',
      startedAt: '2026-11-04T10:15:30+01:00',
      id: 'ignored',
    });
    expect([call.id, call.agent.id, call.startedAt, call.endedAt]).toEqual([
      '5f1e2d3c-0000-4000-8000-00000000c411',
      'a-17',
      '2026-11-04T09:15:30.000Z',
      '2026-11-04T09:15:45.800Z',
    ]);
  });

  test('chat: messages become turns timed from the first item; events are kept, typing and attachments are not', async () => {
    const chat = await record(fixture('contact-lens-chat.json'));
    expect(chat).toMatchObject({
      id: '7a6b5c4d-0000-4000-8000-0000000c4a71',
      channel: 'chat',
      startedAt: '2026-11-04T10:02:00.000Z',
      endedAt: '2026-11-04T10:02:41.000Z',
      agent: { id: UNKNOWN_AGENT_ID, name: 'Noor' },
      customer: { name: 'Alex' },
    });
    expect(chat.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['system', 1500, null],
      ['agent', 13000, null],
      ['customer', 20000, null],
      ['agent', 31000, null],
    ]);
    expect(chat.events).toEqual([
      { type: 'participant.joined', at: '2026-11-04T10:02:00.000Z', role: 'customer', name: 'Alex' },
      { type: 'participant.joined', at: '2026-11-04T10:02:10.000Z', role: 'agent', name: 'Noor' },
      { type: 'transfer', at: '2026-11-04T10:02:40.000Z', role: 'agent', name: 'Noor' },
      { type: 'chat.ended', at: '2026-11-04T10:02:41.000Z' },
    ]);
  });

  test('accepts the text or its bytes as well as a stream', async () => {
    const text = readFileSync(new URL('./fixtures/contact-lens-chat.json', import.meta.url), 'utf8');
    const fromStream = await record(fixture('contact-lens-chat.json'));
    expect(await record(text)).toEqual(fromStream);
    expect(await record(Buffer.from(`\uFEFF${text}`))).toEqual(fromStream);
  });
});

describe('parseContactLens on the AWS documentation examples', () => {
  test.each([
    ['call-analysis-original.json', 'voice', 10],
    ['call-analysis-redacted.json', 'voice', 10],
    ['chat-analysis-original.json', 'chat', 31],
    ['chat-analysis-redacted.json', 'chat', 31],
  ])('%s imports as a valid %s record with %i turns', async (name, channel, turns) => {
    const contact = await record(docExample(name));
    expect(contact.channel).toBe(channel);
    expect(contact.turns).toHaveLength(turns);
  });

  test('the call example: ten alternating turns, documented stand-ins for what the file lacks', async () => {
    const call = await record(docExample('call-analysis-original.json'));
    expect(call.turns.map((t) => t.speaker)).toEqual([
      'agent',
      'customer',
      'agent',
      'customer',
      'agent',
      'customer',
      'agent',
      'customer',
      'agent',
      'customer',
    ]);
    expect(call.turns[1]).toEqual({
      speaker: 'customer',
      text: 'Just hello. My name is Peter and help.',
      startMs: 160,
      endMs: 4640,
    });
    expect(call.id).toMatch(/^contact-lens-[0-9a-f]{16}$/);
    expect([call.startedAt, call.endedAt, call.agent.id]).toEqual([
      UNKNOWN_START,
      '2000-01-01T00:00:32.110Z',
      UNKNOWN_AGENT_ID,
    ]);
    // Importing the same file again gives the same id, so it replaces the first import.
    expect((await record(docExample('call-analysis-original.json'))).id).toBe(call.id);
  });

  test('the chat example: ids, names, system messages and the reference greeting and response times', async () => {
    const chat = await record(docExample('chat-analysis-original.json'));
    expect(chat).toMatchObject({
      id: 'b49644f6-672f-445c-b209-f76b36482830',
      startedAt: '2022-10-27T03:31:50.735Z',
      endedAt: '2022-10-27T03:34:43.192Z',
      agent: { name: 'Jane' },
      customer: { name: 'John' },
    });
    expect(chat.turns.filter((t) => t.speaker === 'system')).toHaveLength(3);
    expect(chat.events?.map((e) => e.type)).toEqual([
      'participant.joined',
      'participant.joined',
      'participant.left',
      'chat.ended',
    ]);
    // README reference figures: AgentGreetingTimeMillis 2511, agent Maximum response 7309 ms.
    const agentJoined = chat.events?.find((e) => e.type === 'participant.joined' && e.role === 'agent');
    const firstAgentTurn = chat.turns.find((t) => t.speaker === 'agent');
    const joinedMs = Date.parse(agentJoined?.at ?? '') - Date.parse(chat.startedAt);
    expect((firstAgentTurn?.startMs ?? 0) - joinedMs).toBe(2511);
    let maxResponse = 0;
    chat.turns.forEach((turn, i) => {
      const previous = chat.turns[i - 1];
      if (turn.speaker === 'agent' && previous?.speaker === 'customer') {
        maxResponse = Math.max(maxResponse, turn.startMs - previous.startMs);
      }
    });
    expect(maxResponse).toBe(7309);
  });

  test('the redacted chat keeps no masked names', async () => {
    const chat = await record(docExample('chat-analysis-redacted.json'));
    expect(chat.agent.name ?? null).toBeNull();
    expect(chat.customer ?? null).toBeNull();
  });

  test.each([
    [
      'call-analysis-original.doc-verbatim.txt',
      297,
      'not valid JSON at line 297 column 1: Unexpected non-whitespace character after JSON (one file holds one contact: a second document or a stray closing brace?)',
    ],
    [
      'call-analysis-redacted.doc-verbatim.txt',
      10,
      "not valid JSON at line 10 column 44: Expected ',' or '}' after property value",
    ],
  ])('%s, invalid JSON as documented, is rejected with its place', async (name, line, message) => {
    expect(await error(docExample(name))).toEqual({ line, error: message });
  });
});

describe('parseContactLens rejects what is not a usable contact', () => {
  test.each([
    ['an empty file', '', 1, /^the file is empty/],
    [
      'a truncated file',
      '{\n  "Channel": "VOICE",\n  "Transcript": [',
      3,
      /^not valid JSON at line 3 column 18: Unexpected end of JSON input$/,
    ],
    ['a bare word', '{"Channel": VOICE}', 1, /^not valid JSON at line 1 column 13: Unexpected token 'V'$/],
    ['a JSON array', '[]', 1, /^not a Contact Lens analysis file: expected a JSON object, found an array$/],
    [
      'a file without Transcript',
      '{"Channel":"VOICE"}',
      1,
      /^not a Contact Lens analysis file: Transcript: .*expected array/,
    ],
    [
      'an email analysis',
      '{"Channel":"EMAIL","Transcript":[]}',
      1,
      /Channel "EMAIL" is not supported: expected VOICE or CHAT/,
    ],
    [
      'no channel and unknown items',
      '{"Transcript":[{}]}',
      1,
      /Channel is missing and the Transcript has neither/,
    ],
    [
      'a negative offset',
      minimalVoice([{ ...voiceTurn, BeginOffsetMillis: -1 }]),
      1,
      /^Contact Lens voice analysis: Transcript\.0\.BeginOffsetMillis: .*\(found -1\)$/,
    ],
    [
      'a turn without text',
      minimalVoice([{ ...voiceTurn, Content: undefined }]),
      1,
      /^Contact Lens voice analysis: Transcript\.0\.Content: /,
    ],
    [
      'an unknown participant',
      minimalVoice([{ ...voiceTurn, ParticipantId: 'spk_3' }]),
      1,
      /^Transcript\.0\.ParticipantId: unknown participant role "spk_3"; expected one of AGENT, CUSTOMER/,
    ],
    [
      'an end before the start',
      minimalVoice([{ ...voiceTurn, BeginOffsetMillis: 900 }]),
      1,
      /^the contact does not make a valid conversation: turns\.0\.endMs: endMs must be ≥ startMs/,
    ],
    ['a voice file without turns', minimalVoice([]), 1, /turns: expected at least one turn/],
    [
      'a chat time without zone',
      '{"Channel":"CHAT","Transcript":[{"AbsoluteTime":"2022-10-27 03:31","Type":"MESSAGE","ParticipantRole":"AGENT","Content":"Hi"}]}',
      1,
      /^Contact Lens chat analysis: Transcript\.0\.AbsoluteTime: .*\(found "2022-10-27 03:31"\)$/,
    ],
    [
      'a chat of events only',
      '{"Channel":"CHAT","Transcript":[{"AbsoluteTime":"2022-10-27T03:31:00Z","Type":"EVENT","ContentType":"application/vnd.amazonaws.connect.event.chat.ended"}]}',
      1,
      /turns: expected at least one turn/,
    ],
    [
      'an empty chat',
      '{"Channel":"CHAT","Transcript":[]}',
      1,
      /^Contact Lens chat analysis: the Transcript is empty$/,
    ],
  ])('rejects %s', async (_name, text, line, reason) => {
    const item = await error(text);
    expect(item.line).toBe(line);
    expect(item.error).toMatch(reason);
  });

  test.each([
    ['a string', () => 'x'.repeat(2000)],
    ['a stream', () => fixture('contact-lens-chat.json')],
  ])('rejects %s over the size limit without reading it all', async (_name, input) => {
    expect(await error(input(), { maxBytes: 1000 })).toEqual({
      line: 1,
      error:
        'the file is larger than 1000 bytes, the limit for one Contact Lens analysis file; nothing was read',
    });
  });

  test('states the default limit in megabytes', async () => {
    async function* huge(): AsyncGenerator<string> {
      for (let i = 0; i < 21; i += 1) yield ' '.repeat(1024 * 1024);
    }
    expect((await error(huge())).error).toMatch(/^the file is larger than 20 MB, the limit/);
  });

  test('rejects an invalid start time given by the caller', async () => {
    expect((await error(minimalVoice([voiceTurn]), { startedAt: 'November 4, 2026' })).error).toBe(
      'the start time given for this contact is not an ISO 8601 date-time: November 4, 2026',
    );
  });
});

describe('syntaxErrorOffset', () => {
  test.each([
    '{"a": 1,}',
    '{"a" 1}',
    '{"a":1}}',
    '{"a": 01}',
    '{"a": "x\n"}',
    '{"a": "\\q"}',
    '{\n "a": [1, 2\n}',
    '{"a": tru}',
    '[1,]',
    '{"a":',
  ])('agrees with V8 where V8 tells the position: %j', (text) => {
    let position: number | undefined;
    try {
      JSON.parse(text);
    } catch (e) {
      const told = /position (\d+)/.exec((e as Error).message)?.[1];
      position = told === undefined ? undefined : Number(told);
    }
    const offset = syntaxErrorOffset(text);
    expect(offset).toBeTypeOf('number');
    if (position !== undefined) expect(offset).toBe(position);
  });

  test.each(['{"a":[1,-2.5e3,{"b":"\\u00e9\\n"}],"c":null,"d":true}', ' [] ', '"x"'])(
    'finds nothing wrong in valid JSON: %j',
    (text) => {
      expect(syntaxErrorOffset(text)).toBeUndefined();
    },
  );
});
