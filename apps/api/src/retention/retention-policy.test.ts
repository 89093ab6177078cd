import { describe, expect, test } from 'vitest';
import { RetentionDays, retentionCutoff } from './retention-policy.ts';

describe('retentionCutoff', () => {
  test.each([
    // 30 × 24 h before noon on 31 December is noon on 1 December.
    { now: '2026-12-31T12:00:00Z', days: 30, cutoff: '2026-12-01T12:00:00.000Z' },
    // Across a leap day: 2028-03-01 minus one day is 29 February.
    { now: '2028-03-01T00:00:00Z', days: 1, cutoff: '2028-02-29T00:00:00.000Z' },
    { now: '2026-06-30T08:30:00Z', days: 365, cutoff: '2025-06-30T08:30:00.000Z' },
  ])('$days days before $now is $cutoff', ({ now, days, cutoff }) => {
    expect(retentionCutoff(new Date(now), days).toISOString()).toBe(cutoff);
  });
});

describe('RetentionDays', () => {
  test.each([
    { input: 30, ok: true },
    { input: null, ok: true },
    { input: 1, ok: true },
    { input: 36_500, ok: true },
    { input: 0, ok: false },
    { input: -5, ok: false },
    { input: 2.5, ok: false },
    { input: 36_501, ok: false },
    { input: '30', ok: false },
  ])('$input is accepted: $ok', ({ input, ok }) => {
    expect(RetentionDays.safeParse(input).success).toBe(ok);
  });
});
