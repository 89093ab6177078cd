import { type DayRange, DEFINITIONS_VERSION, type MetricValues, periodValues } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import { agentById } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { agentTotals } from '../rollups/rollups.repository.ts';

export interface Scorecard {
  agentId: string;
  from: string;
  to: string;
  conversations: number;
  /**
   * The METRICS.md definitions the numbers were computed with ("v2"); the oldest of the period's
   * facts while a recompute is bringing them up to date.
   */
  definitions: string;
  metrics: MetricValues;
}

export class UnknownAgentError extends Error {
  constructor(agentId: string) {
    super(`No agent with id "${agentId}"`);
  }
}

/** Every metric of METRICS.md for one agent and period, from the rollups. */
export async function agentScorecard(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  range: DayRange,
): Promise<Scorecard> {
  if (!(await agentById(db, organisationId, agentId))) throw new UnknownAgentError(agentId);
  const [row] = await agentTotals(db, { organisationId, agentId, ...range });
  const totals = row?.totals ?? { conversations: 0, activeDays: 0, sums: {}, responseGapsMs: [] };
  return {
    agentId,
    ...range,
    conversations: totals.conversations,
    definitions: `v${await oldestDefinitions(db, organisationId, agentId, range)}`,
    metrics: periodValues(totals),
  };
}

/** The oldest definitions version among an agent's facts in a period (the current one when there are none). */
export async function oldestDefinitions(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  range: DayRange,
): Promise<number> {
  const { rows } = await sql<{ oldest: number | null }>`
    SELECT min(definitions) AS oldest FROM conversation_metrics
    WHERE organisation_id = ${organisationId} AND agent_id = ${agentId}
      AND day BETWEEN ${range.from}::date AND ${range.to}::date`.execute(db);
  return rows[0]?.oldest ?? DEFINITIONS_VERSION;
}
