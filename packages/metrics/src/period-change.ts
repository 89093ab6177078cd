/**
 * Is a metric's change from one period to the next more than noise?
 *
 * Method: a two-sample z-test (Welch form: each period keeps its own variance) on the ratio-of-sums
 * value R = Σ num / Σ den that every page shows, with the conversation as the unit.
 * 1. Each conversation i contributes a fraction (numᵢ, denᵢ). R is not a mean of per-conversation
 *    ratios, so its variance is the ratio estimator's linearised (Taylor) one:
 *        V(R) = n / (n − 1) · Σ (numᵢ − R·denᵢ)² / (Σ denᵢ)²
 *    The residual sum expands to Σnum² − 2R·Σnum·den + R²·Σden², so five sums per period suffice
 *    (`FractionMoments`), which SQL adds up without sending a row per conversation.
 * 2. z = (R_after − R_before) / √(V_before + V_after); the change is outside the noise when |z| ≥ 1.96
 *    (two-sided, 5 %).
 * 3. Periods with fewer than `MIN_CHANGE_CONVERSATIONS` conversations behind the metric are not tested:
 *    the same floor below which coaching flags nothing.
 * For a rate with one yes/no per conversation (denᵢ = 1) this is the unpooled two-proportion z-test,
 * V = R(1 − R) / (n − 1). Percentiles and per-day counts have no per-conversation fraction and are not
 * tested here. Pure: no clock, no I/O.
 */

export const CHANGE_Z = 1.96;
export const MIN_CHANGE_CONVERSATIONS = 5;

/** One metric over one period: sums over the conversations where it applied. */
export interface FractionMoments {
  /** Conversations where the metric applied. */
  n: number;
  num: number;
  den: number;
  numSq: number;
  denSq: number;
  numDen: number;
}

export const NO_MOMENTS: FractionMoments = { n: 0, num: 0, den: 0, numSq: 0, denSq: 0, numDen: 0 };

export function addMoments(a: FractionMoments, b: FractionMoments): FractionMoments {
  return {
    n: a.n + b.n,
    num: a.num + b.num,
    den: a.den + b.den,
    numSq: a.numSq + b.numSq,
    denSq: a.denSq + b.denSq,
    numDen: a.numDen + b.numDen,
  };
}

/** R = Σ num / Σ den; null without a denominator (never 0). */
export function momentsValue(m: FractionMoments): number | null {
  return m.den > 0 ? m.num / m.den : null;
}

/** The linearised variance of R (see above); null with fewer than two conversations or no denominator. */
export function ratioVariance(m: FractionMoments): number | null {
  const r = momentsValue(m);
  if (r === null || m.n < 2) return null;
  // Rounding can leave a hair below zero when every conversation has the same ratio.
  const residuals = Math.max(0, m.numSq - 2 * r * m.numDen + r * r * m.denSq);
  return ((m.n / (m.n - 1)) * residuals) / (m.den * m.den);
}

export type ChangeVerdict = 'up' | 'down' | 'within noise' | 'not tested';

export interface PeriodChange {
  before: number | null;
  after: number | null;
  /** after − before; null when either period has no value. */
  difference: number | null;
  /** The test statistic; null when not tested or when neither period varies at all. */
  z: number | null;
  /** 'up' / 'down': a change outside the noise, in the metric's own sense (not better or worse). */
  verdict: ChangeVerdict;
}

/** The change of a ratio-of-sums metric between two periods, tested as described above. */
export function periodChange(before: FractionMoments, after: FractionMoments): PeriodChange {
  const b = momentsValue(before);
  const a = momentsValue(after);
  const difference = a === null || b === null ? null : a - b;
  const untested = { before: b, after: a, difference, z: null, verdict: 'not tested' as const };
  if (difference === null || before.n < MIN_CHANGE_CONVERSATIONS || after.n < MIN_CHANGE_CONVERSATIONS) {
    return untested;
  }
  const variance = (ratioVariance(before) ?? 0) + (ratioVariance(after) ?? 0);
  if (variance === 0) {
    // Neither period varies: every conversation had the same value, so any difference is real.
    const verdict = difference === 0 ? 'within noise' : difference > 0 ? 'up' : 'down';
    return { ...untested, verdict };
  }
  const z = difference / Math.sqrt(variance);
  const verdict = Math.abs(z) < CHANGE_Z ? 'within noise' : z > 0 ? 'up' : 'down';
  return { before: b, after: a, difference, z, verdict };
}
