import { METRICS, type MetricId } from '../catalog.ts';

/** Which way is better for coaching; catalog metrics with direction 'context' have none. */
export type CoachingDirection = 'lower' | 'higher';

/** An organisation's bar for a metric: `higher` is met at or above `value`, `lower` at or below. */
export interface CoachingTarget {
  direction: CoachingDirection;
  value: number;
}

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

/**
 * METRICS.md gives talkRatio a bound (≤ 0.5) rather than a direction: for coaching, less agent talk is
 * better, so it is coached as 'lower' even if the catalog lists it as 'context'.
 */
const DIRECTION_OVERRIDES: Partial<Record<MetricId, CoachingDirection>> = { talkRatio: 'lower' };

const CATALOG_DIRECTION = new Map<string, string>(METRICS.map((m) => [m.id, m.direction]));

/** The coaching direction of a metric; null for 'context' metrics, which are never opportunities. */
export function coachingDirection(id: MetricId): CoachingDirection | null {
  const override = DIRECTION_OVERRIDES[id];
  if (override) return override;
  const direction = CATALOG_DIRECTION.get(id);
  if (direction === undefined) throw new RangeError(`unknown metric ${JSON.stringify(id)}`);
  return direction === 'context' ? null : (direction as CoachingDirection);
}

const atLeast = (value: number): CoachingTarget => ({ direction: 'higher', value });
const atMost = (value: number): CoachingTarget => ({ direction: 'lower', value });

/**
 * Starting points that a contact-centre quality analyst would accept; organisations override them.
 * firstResponseMs, responseTimeMs and responseTimeP90Ms have none: one millisecond bar cannot serve
 * voice (3 s) and email (4 h) at once, and responseWithinTargetRate already applies the per-channel
 * targets. Those three are compared with the team only.
 */
export const DEFAULT_TARGETS: Readonly<Partial<Record<MetricId, CoachingTarget>>> = {
  // The classic 80/20 service level: 80 % of responses within the channel's target.
  responseWithinTargetRate: atLeast(0.8),
  // Contact Lens's own guidance: silences over 3 s in at most a fifth of the call.
  nonTalkTimeShare: atMost(0.2),
  // At most one interruption in every two voice conversations.
  interruptionsPerConversation: atMost(0.5),
  // METRICS.md: ≤ 0.5, the agent should not out-talk the customer.
  talkRatio: atMost(0.5),
  // Every other conversation; short routine contacts need no paraphrase, so not higher.
  paraphraseRate: atLeast(0.5),
  // Every other conversation; a fully stated request needs no clarifying question.
  clarifyingQuestionRate: atLeast(0.5),
  // Most conversations carry some friction worth acknowledging; not all of them do.
  empathyRate: atLeast(0.6),
  // About one "can't"/"unfortunately" per 100 words is where a reader starts to notice.
  negativeLanguagePer100Words: atMost(1),
  // Arguing is a breach, not a style: at most 1 conversation in 50.
  argumentRate: atMost(0.02),
  // Thanks costs nothing; missing it in more than 1 conversation in 5 is a habit.
  thankRate: atLeast(0.8),
  // Among conversations where the name is known: use it in at least half.
  personalizationRate: atLeast(0.5),
  // Half a term per 100 words: roughly one unexplained term in a long chat.
  jargonPer100Words: atMost(0.5),
  // METRICS.md: ≤ 20 words per sentence (the clarity module's long-sentence bound).
  avgSentenceWords: atMost(20),
  // Half of conversations followed up within 72 h; not every contact needs a follow-up.
  followUpRate: atLeast(0.5),
  // Some transfers are announced by the system; at most 1 in 10 without the agent's explanation.
  transferWithoutExplanationRate: atMost(0.1),
  // Absolute promises in at most 1 conversation in 20.
  overpromiseRate: atMost(0.05),
  // A broken promise costs trust: keep 9 in 10.
  promiseKeptRate: atLeast(0.9),
  // Ask (or send the survey) in at least half of the conversations.
  feedbackRequestRate: atLeast(0.5),
  // 4 of 5 is "satisfied" on the usual 1–5 scale.
  csat: atLeast(4),
  // Comments on balance not negative.
  feedbackSentiment: atLeast(0),
  // Customers leave no worse than they came.
  customerSentimentShift: atLeast(0),
  // A common first-contact resolution benchmark.
  resolutionRate: atLeast(0.7),
};

/**
 * Relative importance: 1 is an ordinary habit; 1.5 a rule that every seed repeats or that customers
 * feel at once; 2 a breach of trust (arguing, broken promises); below 1 a metric that overlaps another
 * one or reports an outcome whose cause other metrics already show. 'context' metrics have none.
 */
export const DEFAULT_WEIGHTS: Readonly<Partial<Record<MetricId, number>>> = {
  firstResponseMs: 1,
  responseTimeMs: 1,
  // The tail of the same gaps as responseTimeMs: counted at half so slow replies do not count twice.
  responseTimeP90Ms: 0.5,
  responseWithinTargetRate: 1,
  nonTalkTimeShare: 1,
  interruptionsPerConversation: 1.5,
  talkRatio: 1,
  paraphraseRate: 1,
  clarifyingQuestionRate: 1,
  empathyRate: 1.5,
  negativeLanguagePer100Words: 1,
  argumentRate: 2,
  thankRate: 1,
  personalizationRate: 0.75,
  jargonPer100Words: 1,
  avgSentenceWords: 0.75,
  followUpRate: 1,
  transferWithoutExplanationRate: 1.5,
  overpromiseRate: 1.5,
  promiseKeptRate: 2,
  feedbackRequestRate: 0.75,
  csat: 1,
  feedbackSentiment: 0.5,
  customerSentimentShift: 0.5,
  resolutionRate: 1,
};

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
