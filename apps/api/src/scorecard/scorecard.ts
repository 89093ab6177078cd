import { type MetricValues, periodValues } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { agentById } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { agentTotals, type DayRange } from '../rollups/rollups.repository.ts';

export interface Scorecard {
  agentId: string;
  from: string;
  to: string;
  conversations: number;
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
  return { agentId, ...range, conversations: totals.conversations, metrics: periodValues(totals) };
}
