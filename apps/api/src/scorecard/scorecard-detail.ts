import {
  type CoachingConfig,
  type CoachingTarget,
  coachingDirection,
  type DayRange,
  METRIC_SEED_RULES,
  METRICS,
  type MetricDefinition,
  type MetricId,
  type MetricValues,
  periodValues,
  resolveCoachingConfig,
  sampleSize,
  teamMedians,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { AgentSummary } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { agentTotals } from '../rollups/rollups.repository.ts';
import { oldestDefinitions } from './scorecard.ts';

export interface ScorecardMetric {
  id: MetricId;
  label: string;
  group: MetricDefinition['group'];
  unit: MetricDefinition['unit'];
  /** The direction coaching reads it in; null for context metrics. */
  better: 'lower' | 'higher' | null;
  rule: { name: string; seed: string; quote: string };
  value: number | null;
  /** Conversations behind the value. */
  n: number;
  /** Median over the team's agents with a value (the agent included), and how many those are. */
  teamMedian: number | null;
  teamAgents: number;
  target: CoachingTarget | null;
  /** Share of teammates (with a value) this agent does better than, 0–100; lower values for context metrics. */
  percentile: number | null;
}

export interface ScorecardDetail {
  agent: AgentSummary;
  period: DayRange;
  conversations: number;
  /** The METRICS.md definitions behind the numbers, "v2" (the oldest of the period's facts). */
  definitions: string;
  metrics: ScorecardMetric[];
}

/** The agent scorecard: every metric with its sample size, team median, target and percentile. */
export async function scorecardDetail(
  db: Kysely<Database>,
  organisationId: string,
  agent: AgentSummary,
  period: DayRange,
  coaching: CoachingConfig,
): Promise<ScorecardDetail> {
  const team = await agentTotals(db, { organisationId, ...period, teamId: agent.teamId ?? undefined });
  const own = team.find((a) => a.agentId === agent.id)?.totals;
  const values: MetricValues | null = own ? periodValues(own) : null;
  const teamValues = team.map((a) => ({ agentId: a.agentId, values: periodValues(a.totals) }));
  const medians = teamMedians(teamValues.map((t) => t.values));
  const config = resolveCoachingConfig(coaching);

  const metrics = METRICS.map((m): ScorecardMetric => {
    const value = values?.[m.id] ?? null;
    const better = coachingDirection(m.id);
    const others = teamValues
      .filter((t) => t.agentId !== agent.id)
      .map((t) => t.values[m.id])
      .filter((v): v is number => v !== null);
    return {
      id: m.id,
      label: m.label,
      group: m.group,
      unit: m.unit,
      better,
      rule: { name: m.rule, ...METRIC_SEED_RULES[m.id] },
      value,
      n: own ? sampleSize(m.id, own) : 0,
      teamMedian: medians[m.id].median,
      teamAgents: medians[m.id].agents,
      target: config.targets[m.id] ?? null,
      percentile: value === null || others.length === 0 ? null : percentileAmong(value, others, better),
    };
  });
  const definitions = `v${await oldestDefinitions(db, organisationId, agent.id, period)}`;
  return { agent, period, conversations: own?.conversations ?? 0, definitions, metrics };
}

/** Percent of `others` that `value` beats (ties count half), in the metric's better direction. */
export function percentileAmong(
  value: number,
  others: readonly number[],
  better: 'lower' | 'higher' | null,
): number {
  let score = 0;
  for (const other of others) {
    if (other === value) score += 0.5;
    else if (better === 'lower' ? value < other : value > other) score += 1;
  }
  return Math.round((100 * score) / others.length);
}
