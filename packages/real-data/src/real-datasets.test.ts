import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConversationRecord, ConversationSchema } from '@rapport/api/ingest/record.ts';
import { computeConversation } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import type { Converted } from './converted.ts';
import { DATASET_FOLDERS, loadAbcd, loadHarperValley, loadIbmTwitter } from './load.ts';

// The public data sets live beside the repository (`../shared/datasets`); CI has the folder too.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const datasets = path.resolve(repoRoot, '../shared/datasets');

function records(converted: readonly Converted[]): ConversationRecord[] {
  return converted.map(({ source, result }) => {
    if (!result.ok) throw new Error(`${source}: ${result.error}`);
    expect(ConversationSchema.safeParse(result.record).success).toBe(true);
    return result.record;
  });
}

describe('Harper Valley sample (5 calls, 98 segments)', () => {
  const calls = records(loadHarperValley(path.join(datasets, DATASET_FOLDERS.harperValley)));

  test('every call converts and validates', () => {
    expect(calls.map((c) => c.id)).toEqual([
      'hvb-0002f70f7386445b',
      'hvb-004860b1ab2e4c88',
      'hvb-0091a706bc604188',
      'hvb-00d676d7058c49bb',
      'hvb-010eaccb7a23436f',
    ]);
  });

  test('with noise dropped, no call has an interruption', () => {
    for (const call of calls) {
      expect(computeConversation(call).metrics.interruptionsPerConversation, call.id).toEqual({
        num: 0,
        den: 1,
      });
    }
  });

  test('agents are grouped by speaker id: speaker 17 plays "Robert" and "Jennifer"', () => {
    expect(calls.map((c) => c.agent.id)).toEqual([
      'hvb-agent-46',
      'hvb-agent-17',
      'hvb-agent-3',
      'hvb-agent-17',
      'hvb-agent-57',
    ]);
  });

  test('no agent uses the caller\'s first name, not even "my name is linda" to Linda Garcia', () => {
    for (const call of calls) {
      expect(computeConversation(call).metrics.personalizationRate, call.id).toEqual({ num: 0, den: 1 });
    }
  });

  test('of 98 segments, 30 are non-speech and dropped; every caller rated 10 → CSAT 5', () => {
    expect(calls.map((c) => c.turns.length)).toEqual([17, 13, 10, 15, 13]);
    expect(calls.every((c) => c.turns.every((t) => !t.text.includes('[noise]')))).toBe(true);
    expect(calls.map((c) => c.survey?.csat)).toEqual([5, 5, 5, 5, 5]);
  });
});

describe('IBM Twitter customer care, test split (500 conversations, 25 brands)', () => {
  const conversations = records(loadIbmTwitter(path.join(datasets, DATASET_FOLDERS.ibmTwitter)));

  test('every conversation converts: 639 dialog turns plus 500 final agent turns', () => {
    expect(conversations).toHaveLength(500);
    expect(conversations.reduce((n, c) => n + c.turns.length, 0)).toBe(639 + 500);
    expect(new Set(conversations.map((c) => c.id)).size).toBe(500);
  });

  test('brands are teams: 25 of them, RockstarSupport 58 and HPSupport 57 conversations', () => {
    const perBrand = new Map<string, number>();
    for (const c of conversations)
      perBrand.set(c.agent.team ?? '', (perBrand.get(c.agent.team ?? '') ?? 0) + 1);
    expect(perBrand.size).toBe(25);
    expect(perBrand.get('RockstarSupport')).toBe(58);
    expect(perBrand.get('HPSupport')).toBe(57);
  });

  test('the final agent turn, timed from its tweet id, is the last turn and whole seconds apart', () => {
    for (const c of conversations) {
      const last = c.turns.at(-1);
      expect(last?.speaker).toBe('agent');
      expect(last?.startMs).toBe(Math.max(...c.turns.map((t) => t.startMs)));
      expect(c.turns.every((t) => t.startMs % 1000 === 0)).toBe(true);
      expect(Date.parse(c.endedAt) - Date.parse(c.startedAt)).toBe(last?.startMs);
    }
  });

  test('texts as written: no reply prefix, no HTML entity left', () => {
    const texts = conversations.flatMap((c) => c.turns.map((t) => t.text));
    expect(texts.filter((t) => /&(?:amp|lt|gt);/.test(t))).toEqual([]);
    expect(texts.filter((t) => /^@\w+\s+[^@\s]/.test(t))).toEqual([]);
  });

  test('signed agents get their own id within the brand', () => {
    const agents = new Set(conversations.map((c) => c.agent.id));
    expect(agents.has('RockstarSupport/SR')).toBe(true);
    expect(agents.has('MojangSupport/JS')).toBe(true);
    expect(agents.has('Google')).toBe(true);
  });
});

describe('ABCD sample (3 conversations)', () => {
  const conversations = records(loadAbcd(path.join(datasets, DATASET_FOLDERS.abcd)));

  test('29, 21 and 22 original turns, action turns kept as system turns', () => {
    expect(conversations.map((c) => c.id)).toEqual(['abcd-3592', 'abcd-9489', 'abcd-3695']);
    expect(conversations.map((c) => c.turns.length)).toEqual([29, 21, 22]);
    expect(conversations[0]?.turns.filter((t) => t.speaker === 'system')).toHaveLength(4);
    expect(conversations.map((c) => c.customer?.name)).toEqual([
      'Crystal Minh',
      'Alessandro Phoenix',
      'Joyce Wu',
    ]);
  });

  test('the agent addresses Crystal by name ("What is your membership level Crystal?")', () => {
    expect(computeConversation(conversations[0] as ConversationRecord).metrics.personalizationRate).toEqual({
      num: 1,
      den: 1,
    });
  });
});
