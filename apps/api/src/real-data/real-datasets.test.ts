import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeConversation } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import { type ConversationRecord, ConversationSchema } from '../ingest/record.ts';
import type { Converted } from './converted.ts';
import { DATASET_FOLDERS, loadHarperValley } from './load.ts';

// The public data sets live beside the repository (`../shared/datasets`); CI has the folder too.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
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
