import {
  addDays,
  bootstrapChange,
  coachingDirection,
  type DayRange,
  daysBetween,
  type Fraction,
  fractionChange,
  type MetricChange,
  type MetricId,
  nearestRank,
  seededRandom,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { latestDataDay } from '../rollups/rollups.repository.ts';
import {
  type CoachingSession,
  conversationFractions,
  conversationGaps,
  conversationsPerActiveDay,
} from './sessions.repository.ts';

export const DEFAULT_IMPACT_DAYS = 28;

export interface ImpactWindow extends DayRange {
  /** Days in the window; the after window is clipped at the latest day with data (0: nothing yet). */
  days: number;
  value: number | null;
  /** Conversations behind the value. */
  n: number;
}

export interface FocusMetricImpact extends Omit<MetricChange, 'before' | 'after'> {
  metricId: MetricId;
  better: 'lower' | 'higher' | null;
  before: ImpactWindow;
  after: ImpactWindow;
  /** Only a significant change in the metric's better direction counts as an improvement. */
  verdict: 'improved' | 'worsened' | 'no clear change';
}

export interface SessionImpact {
  sessionId: number;
  sessionDate: string;
  latestDay: string | null;
  metrics: FocusMetricImpact[];
}

/**
 * For each focus metric of a session: the agent's value in the `days` before the session day and in the
 * `days` after it (the session day itself belongs to neither: the session happened at some hour of it),
 * the after window clipped at the latest day with data, and whether the change is larger than noise
 * (bootstrap over the per-conversation facts, `packages/metrics/src/coaching/change.ts`).
 */
export async function sessionImpact(
  db: Kysely<Database>,
  organisationId: string,
  session: CoachingSession,
  days: number = DEFAULT_IMPACT_DAYS,
): Promise<SessionImpact> {
  const latest = await latestDataDay(db, organisationId);
  const before = { from: addDays(session.sessionDate, -days), to: addDays(session.sessionDate, -1) };
  const afterFrom = addDays(session.sessionDate, 1);
  const afterTo = addDays(session.sessionDate, days);
  const after = { from: afterFrom, to: latest !== null && latest < afterTo ? latest : afterTo };
  const metrics = [];
  for (const metricId of session.focusMetrics) {
    // Seeded by the session, so the same session shows the same interval on every read.
    const random = seededRandom(session.id);
    const { change, n } = await measureChange(
      db,
      organisationId,
      session.agentId,
      metricId,
      before,
      after,
      random,
    );
    const better = coachingDirection(metricId);
    let verdict: FocusMetricImpact['verdict'] = 'no clear change';
    if (change.significant && better && change.difference !== null) {
      verdict = change.difference > 0 === (better === 'higher') ? 'improved' : 'worsened';
    }
    metrics.push({
      metricId,
      better,
      before: { ...before, days: dayCount(before), value: change.before, n: n.before },
      after: { ...after, days: dayCount(after), value: change.after, n: n.after },
      difference: change.difference,
      interval: change.interval,
      significant: change.significant,
      verdict,
    });
  }
  return { sessionId: session.id, sessionDate: session.sessionDate, latestDay: latest, metrics };
}

/**
 * Resampling units: conversations (their fraction; for the p90, their response gaps pooled), except for
 * conversations per active day, whose unit is the active day (conversations that day over 1).
 */
async function measureChange(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  metricId: MetricId,
  before: DayRange,
  after: DayRange,
  random: () => number,
): Promise<{ change: MetricChange; n: { before: number; after: number } }> {
  if (metricId === 'responseTimeP90Ms') {
    const [b, a] = await Promise.all([
      conversationGaps(db, organisationId, agentId, before),
      conversationGaps(db, organisationId, agentId, after),
    ]);
    const p90 = (sample: readonly number[][]) => nearestRank(sample.flat(), 0.9);
    return { change: bootstrapChange(b, a, p90, { random }), n: { before: b.length, after: a.length } };
  }
  if (metricId === 'conversationsPerDay') {
    const [b, a] = await Promise.all([
      conversationsPerActiveDay(db, organisationId, agentId, before),
      conversationsPerActiveDay(db, organisationId, agentId, after),
    ]);
    const perDay = (counts: number[]): Fraction[] => counts.map((num) => ({ num, den: 1 }));
    const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);
    return {
      change: fractionChange(perDay(b), perDay(a), { random }),
      n: { before: total(b), after: total(a) },
    };
  }
  const [b, a] = await Promise.all([
    conversationFractions(db, organisationId, agentId, metricId, before),
    conversationFractions(db, organisationId, agentId, metricId, after),
  ]);
  return { change: fractionChange(b, a, { random }), n: { before: b.length, after: a.length } };
}

function dayCount(range: DayRange): number {
  if (range.to < range.from) return 0;
  return daysBetween(range.from, range.to) + 1;
}
