import {
  type CoachingDirection,
  type CoachingTarget,
  METRICS,
  type MetricId,
  metricDefinition,
} from '../catalog.ts';
import type { Channel } from '../conversation.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../result.ts';

export type { CoachingDirection, CoachingTarget } from '../catalog.ts';

/** An organisation's overrides; what it leaves out keeps the defaults below. */
export interface CoachingConfig {
  /** `null` removes a default target: the metric is then compared with the team only. */
  targets?: Partial<Record<MetricId, CoachingTarget | null>>;
  /** How much a metric matters; 0 stops coaching on it. */
  weights?: Partial<Record<MetricId, number>>;
}

/** Defaults merged with overrides; only metrics with a coaching direction appear. */
export interface ResolvedCoachingConfig {
  targets: Partial<Record<MetricId, CoachingTarget>>;
  weights: Partial<Record<MetricId, number>>;
}

/** The coaching direction of a metric; null for 'context' metrics, which are never opportunities. */
export function coachingDirection(id: MetricId): CoachingDirection | null {
  const { direction } = metricDefinition(id);
  return direction === 'context' ? null : direction;
}

/** The registry's default targets (catalog.ts gives each one's reason); organisations override them. */
export const DEFAULT_TARGETS: Readonly<Partial<Record<MetricId, CoachingTarget>>> = Object.fromEntries(
  METRICS.flatMap((m) => (m.target ? [[m.id, m.target]] : [])),
);

/**
 * Relative importance, from the registry: 1 is an ordinary habit; 1.5 a rule that every seed repeats or
 * that customers feel at once; 2 a breach of trust (arguing, broken promises); below 1 a metric that
 * overlaps another one or reports an outcome whose cause other metrics already show.
 */
export const DEFAULT_WEIGHTS: Readonly<Partial<Record<MetricId, number>>> = Object.fromEntries(
  METRICS.flatMap((m) => (m.weight === null ? [] : [[m.id, m.weight]])),
);

/**
 * Merges an organisation's overrides into the defaults. Throws a RangeError for a target or weight on a
 * 'context' metric, a target whose direction contradicts the metric's, or a non-finite or negative
 * number: a silently ignored setting would leave a supervisor wondering why nothing changed.
 */
export function resolveCoachingConfig(config: CoachingConfig = {}): ResolvedCoachingConfig {
  const targets: Partial<Record<MetricId, CoachingTarget>> = { ...DEFAULT_TARGETS };
  const weights: Partial<Record<MetricId, number>> = { ...DEFAULT_WEIGHTS };
  for (const [id, target] of Object.entries(config.targets ?? {}) as [MetricId, CoachingTarget | null][]) {
    const direction = requireCoachable(id, 'target');
    if (target === null) {
      delete targets[id];
      continue;
    }
    if (target.direction !== direction) {
      throw new RangeError(
        `${id}: a target must be '${direction}' (lower or higher is better), not '${target.direction}'`,
      );
    }
    if (!Number.isFinite(target.value)) throw new RangeError(`${id}: target value must be a finite number`);
    targets[id] = { direction, value: target.value };
  }
  for (const [id, weight] of Object.entries(config.weights ?? {}) as [MetricId, number][]) {
    requireCoachable(id, 'weight');
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`${id}: weight must be a finite number ≥ 0`);
    }
    weights[id] = weight;
  }
  return { targets, weights };
}

function requireCoachable(id: MetricId, setting: string): CoachingDirection {
  const direction = coachingDirection(id);
  if (direction === null) throw new RangeError(`${id} is a context metric: it takes no coaching ${setting}`);
  return direction;
}

/** True when the value is on the wrong side of the target; meeting it exactly is not a miss. */
export function missesTarget(target: CoachingTarget, value: number): boolean {
  return target.direction === 'higher' ? value < target.value : value > target.value;
}

/**
 * How far the value falls short of the target, relative to the target: (target − value) / |target| for
 * 'higher', (value − target) / |target| for 'lower', 0 when met. A target of 0 (the sentiment metrics)
 * divides by 1 instead: the gap in the metric's own unit.
 */
export function targetGap(target: CoachingTarget, value: number): number {
  const shortfall = target.direction === 'higher' ? target.value - value : value - target.value;
  return Math.max(0, shortfall) / (target.value === 0 ? 1 : Math.abs(target.value));
}

/** The organisation's response target per channel, ms (admin settings; METRICS.md's defaults). */
export type ResponseTargets = EngineOptions['responseTargetsMs'];

/**
 * The time metrics that measure the response gaps responseWithinTargetRate holds to the channel's
 * target; handle time measures no response and has no bar.
 */
const RESPONSE_TARGET_METRICS: ReadonlySet<MetricId> = new Set([
  'firstResponseMs',
  'responseTimeMs',
  'responseTimeP90Ms',
]);

/**
 * A time metric's bar on one channel: that channel's response target for the response times, null for
 * the other durations. A time metric has no organisation-wide bar (one number cannot serve voice
 * seconds and email hours), so this is the one target the scorecard, the overview and coaching hold
 * a duration on a channel to.
 */
export function channelTarget(
  id: MetricId,
  channel: Channel,
  responseTargetsMs: ResponseTargets = DEFAULT_ENGINE_OPTIONS.responseTargetsMs,
): CoachingTarget | null {
  return RESPONSE_TARGET_METRICS.has(id) ? { direction: 'lower', value: responseTargetsMs[channel] } : null;
}
