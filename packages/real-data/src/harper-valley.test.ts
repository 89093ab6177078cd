import { readFileSync } from 'node:fs';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { computeConversation } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import { convertHarperValleyCall, csatFromPartnerRating, speechOf } from './harper-valley.ts';
import { loadHarperValley } from './load.ts';

const fixtureFolder = new URL('./fixtures/harper-valley/', import.meta.url).pathname;
const readFixture = (part: 'transcript' | 'metadata') =>
  JSON.parse(readFileSync(new URL(`./fixtures/harper-valley/${part}/fx0001.json`, import.meta.url), 'utf8'));

function fixtureRecord(): ConversationRecord {
  const result = convertHarperValleyCall(readFixture('transcript'), readFixture('metadata'));
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

describe('speechOf: non-speech tags', () => {
  test.each([
    ['[noise]', null],
    ['[noise] [laughter]', null],
    ['  ', null],
    ['<unk> [noise]', '<unk>'],
    ['[noise] yes i do', 'yes i do'],
    ['my debit card', 'my debit card'],
  ])('%j → %j', (text, expected) => {
    expect(speechOf(text)).toBe(expected);
  });
});

describe('csatFromPartnerRating: 1–10 in five bands', () => {
  test.each([
    ['1', 1],
    ['2', 1],
    ['3', 2],
    ['6', 3],
    ['7', 4],
    ['8', 4],
    ['9', 5],
    ['10', 5],
    ['0', null],
    ['11', null],
    ['', null],
    ['ten', null],
    [undefined, null],
  ])('%j → %j', (rating, expected) => {
    expect(csatFromPartnerRating(rating)).toBe(expected);
  });
});

describe('harper valley call (fixture fx0001: 8 segments, 2 of them non-speech)', () => {
  test('times come from start_timestamp_ms relative to start_time_ms; noise-only segments are dropped', () => {
    const record = fixtureRecord();
    expect(record.id).toBe('hvb-fx0001');
    expect(record.channel).toBe('voice');
    expect(record.startedAt).toBe('2020-09-13T12:26:40.000Z');
    expect(record.endedAt).toBe('2020-09-13T12:27:00.000Z');
    expect(record.turns.map((t) => [t.speaker, t.startMs, t.endMs, t.text])).toEqual([
      ['agent', 1000, 3000, 'hello this is harper valley national bank my name is robert'],
      ['customer', 3500, 6500, 'hi my name is ana i need to check my balance'],
      ['customer', 7000, 7400, '<unk>'],
      ['agent', 8000, 9500, 'which account'],
      ['agent', 12000, 14500, 'your balance is ten dollars'],
      ['customer', 15000, 15500, 'thanks bye'],
    ]);
  });

  test('agent is the speaker id (not the persona), customer named from metadata, caller rating as CSAT', () => {
    const record = fixtureRecord();
    expect(record.agent).toEqual({ id: 'hvb-agent-9', team: 'harper-valley' });
    expect(record.customer).toEqual({ id: 'hvb-caller-31', name: 'Ana Lopez' });
    expect(record.queue).toBe('check balance');
    expect(record.survey).toEqual({ csat: 4, at: '2020-09-13T12:27:05.000Z' });
  });

  test('the dropped [noise] blip inside the caller turn is no interruption', () => {
    const { metrics } = computeConversation(fixtureRecord());
    expect(metrics.interruptionsPerConversation).toEqual({ num: 0, den: 1 });
    // 1500 + 2000 + 2500 ms agent talk against 3000 + 400 + 500 ms caller talk.
    expect(metrics.talkRatio).toEqual({ num: 6000, den: 9900 });
  });

  test('the traps, switched on: the noise blip interrupts, channel start_ms shifts the agent by 2 s', () => {
    const noisy = convertHarperValleyCall(readFixture('transcript'), readFixture('metadata'), {
      keepNonSpeech: true,
    });
    if (!noisy.ok) throw new Error(noisy.error);
    expect(noisy.record.turns).toHaveLength(8);
    // [noise] at 4000 ms inside the caller's 3500–6500 ms turn: 3500 < 4000 ≤ 6000.
    expect(computeConversation(noisy.record).metrics.interruptionsPerConversation).toEqual({
      num: 1,
      den: 1,
    });

    const shifted = convertHarperValleyCall(readFixture('transcript'), readFixture('metadata'), {
      timeFrom: 'start_ms',
    });
    if (!shifted.ok) throw new Error(shifted.error);
    expect(shifted.record.turns.map((t) => t.startMs)).toEqual([3050, 3590, 7090, 10050, 14050, 15090]);
  });

  test('a call without a rating has no survey; bad metadata is rejected with the field', () => {
    const metadata = readFixture('metadata');
    metadata.caller.survey_response.data = {};
    const result = convertHarperValleyCall(readFixture('transcript'), metadata);
    expect(result.ok && result.record.survey).toBeUndefined();

    const noSid = readFixture('metadata');
    delete noSid.sid;
    const rejected = convertHarperValleyCall(readFixture('transcript'), noSid);
    expect(rejected.ok).toBe(false);
    expect(!rejected.ok && rejected.error).toMatch(/metadata\.sid/);
  });

  test('a call that is all noise is rejected: no turn is left', () => {
    const transcript = readFixture('transcript').map((s: Record<string, unknown>) => ({
      ...s,
      human_transcript: '[noise]',
    }));
    const result = convertHarperValleyCall(transcript, readFixture('metadata'));
    expect(!result.ok && result.error).toMatch(/turns: expected at least one turn/);
  });

  test('the loader pairs transcript and metadata files by sid', () => {
    const loaded = loadHarperValley(fixtureFolder);
    expect(loaded.map((c) => [c.source, c.result.ok])).toEqual([['fx0001', true]]);
  });
});
