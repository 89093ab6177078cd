import { readFileSync } from 'node:fs';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { computeConversation } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import { ABCD_AGENT_ID, ABCD_START, convertAbcdConversation, titleCase } from './abcd.ts';

const fixture: unknown[] = JSON.parse(readFileSync(new URL('./fixtures/abcd.json', import.meta.url), 'utf8'));

function converted(index: number): ConversationRecord {
  const result = convertAbcdConversation(fixture[index]);
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

describe('ABCD conversation (fixture: 2 conversations)', () => {
  test('turns 10 s apart in their order, action turns as system turns', () => {
    const record = converted(0);
    expect(record).toMatchObject({
      id: 'abcd-77',
      channel: 'chat',
      startedAt: ABCD_START,
      endedAt: '2021-01-01T09:00:50.000Z', // 6 turns: the last one at 5 × 10 s
      agent: { id: ABCD_AGENT_ID, team: 'abcd' },
      customer: { id: 'abcd-customer-alopez1', name: 'Ana Lopez' },
      queue: 'product_defect/return_size',
    });
    expect(record.turns.map((t) => [t.speaker, t.startMs])).toEqual([
      ['agent', 0],
      ['customer', 10_000],
      ['agent', 20_000],
      ['customer', 30_000],
      ['system', 40_000],
      ['agent', 50_000],
    ]);
    expect(record.turns[4]?.text).toBe('Account has been pulled up for Ana Lopez.');
  });

  test('the known customer name makes personalisation measurable; the action turn is ignored', () => {
    const { metrics } = computeConversation(converted(0));
    expect(metrics.personalizationRate).toEqual({ num: 1, den: 1 });
    expect(metrics.thankRate).toEqual({ num: 1, den: 1 });
  });

  test('without a username or a name, the customer is known by the conversation only', () => {
    const record = converted(1);
    expect(record.customer).toEqual({ id: 'abcd-customer-x9', name: null });
    expect(record.queue).toBe('shipping_issue');
    expect(record.startedAt).toBe(record.endedAt);
  });

  test('an unknown speaker is rejected with the field', () => {
    const broken = structuredClone(fixture[0]) as { original: string[][] };
    broken.original[1] = ['supervisor', 'hello'];
    const result = convertAbcdConversation(broken);
    expect(!result.ok && result.error).toMatch(/^unexpected input: original\.1\.0/);
  });

  test.each([
    ['crystal minh', 'Crystal Minh'],
    ["mary o'neil-smith", "Mary O'Neil-Smith"],
    ['Joyce Wu', 'Joyce Wu'],
  ])('titleCase(%j) → %j', (name, expected) => {
    expect(titleCase(name)).toBe(expected);
  });
});
