import { describe, expect, test } from 'vitest';
import { type Channel, METRICS, type MetricId } from '../catalog.ts';
import {
  type CoachingConfig,
  type CoachingTarget,
  channelTarget,
  coachingDirection,
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  missesTarget,
  resolveCoachingConfig,
  targetGap,
} from './targets.ts';

describe('coachingDirection', () => {
  test.each<[MetricId, 'lower' | 'higher' | null]>([
    ['firstResponseMs', 'lower'],
    ['empathyRate', 'higher'],
    ['talkRatio', 'lower'],
    ['handleTimeMs', null],
    ['scriptReliance', null],
    ['conversationsPerDay', null],
  ])('%s → %s', (id, expected) => {
    expect(coachingDirection(id)).toBe(expected);
  });

  test('defaults exist exactly for the metrics with a direction, and agree with it', () => {
    for (const metric of METRICS) {
      const direction = coachingDirection(metric.id);
      expect(DEFAULT_WEIGHTS[metric.id] !== undefined).toBe(direction !== null);
      const target = DEFAULT_TARGETS[metric.id];
      if (target) expect(target.direction).toBe(direction);
    }
  });
});

describe('targetGap and missesTarget', () => {
  const atLeast = (value: number): CoachingTarget => ({ direction: 'higher', value });
  const atMost = (value: number): CoachingTarget => ({ direction: 'lower', value });
  test.each<[string, CoachingTarget, number, boolean, number]>([
    ['≥ 0.6 at 0.3: half the target missing', atLeast(0.6), 0.3, true, 0.5],
    ['≥ 0.6 met exactly', atLeast(0.6), 0.6, false, 0],
    ['≥ 0.6 exceeded', atLeast(0.6), 0.9, false, 0],
    ['≤ 0.02 at 0.04: twice the allowance', atMost(0.02), 0.04, true, 1],
    ['≤ 20 words at 25', atMost(20), 25, true, 0.25],
    ['≤ 0.5 met', atMost(0.5), 0.4, false, 0],
    ['≥ 0 (sentiment) at −0.3: gap in the unit', atLeast(0), -0.3, true, 0.3],
  ])('%s', (_, target, value, misses, gap) => {
    expect(missesTarget(target, value)).toBe(misses);
    expect(targetGap(target, value)).toBeCloseTo(gap, 12);
  });
});

describe('resolveCoachingConfig', () => {
  test('overrides replace defaults, null removes a target, the rest stay', () => {
    const resolved = resolveCoachingConfig({
      targets: { empathyRate: { direction: 'higher', value: 0.7 }, csat: null },
      weights: { thankRate: 3, argumentRate: 0 },
    });
    expect(resolved.targets.empathyRate).toEqual({ direction: 'higher', value: 0.7 });
    expect(resolved.targets.csat).toBeUndefined();
    expect(resolved.targets.talkRatio).toEqual({ direction: 'lower', value: 0.5 });
    expect(resolved.weights.thankRate).toBe(3);
    expect(resolved.weights.argumentRate).toBe(0);
    expect(resolved.weights.promiseKeptRate).toBe(2);
  });

  test.each<[string, CoachingConfig, RegExp]>([
    [
      'a target on a context metric',
      { targets: { handleTimeMs: { direction: 'lower', value: 600_000 } } },
      /context/,
    ],
    ['a weight on a context metric', { weights: { scriptReliance: 1 } }, /context/],
    [
      'a target against the direction',
      { targets: { empathyRate: { direction: 'lower', value: 0.2 } } },
      /higher/,
    ],
    ['a non-finite target', { targets: { csat: { direction: 'higher', value: Number.NaN } } }, /finite/],
    ['a negative weight', { weights: { csat: -1 } }, /≥ 0/],
    ['an unknown metric', { weights: { nope: 1 } as CoachingConfig['weights'] }, /unknown/],
  ])('rejects %s', (_, config, message) => {
    expect(() => resolveCoachingConfig(config)).toThrow(message);
  });
});

describe('channelTarget', () => {
  // METRICS.md's response targets: voice 3 s, chat 60 s, email 4 h.
  test.each<[MetricId, Channel, number | null]>([
    ['firstResponseMs', 'voice', 3_000],
    ['responseTimeMs', 'chat', 60_000],
    ['responseTimeP90Ms', 'email', 14_400_000],
    ['handleTimeMs', 'voice', null],
  ])('%s on %s → %s ms', (id, channel, expected) => {
    expect(channelTarget(id, channel)?.value ?? null).toBe(expected);
  });

  test("the organisation's setting for the channel, never another channel's", () => {
    const targets = { voice: 5_000, chat: 90_000, email: 8 * 3_600_000 };
    expect(channelTarget('responseTimeMs', 'chat', targets)).toEqual({ direction: 'lower', value: 90_000 });
  });
});
