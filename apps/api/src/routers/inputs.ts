import { METRIC_IDS, type MetricId } from '@rapport/metrics';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AgentSummary, agentById } from '../agents/agents.repository.ts';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadAgent } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { Day, DayRangeInput, thirtyDaysEnding } from '../period.ts';
import { latestDataDay } from '../rollups/rollups.repository.ts';

/** Reusable input fragments. Without dates a period is the 30 days ending on the latest day with data. */
export const PeriodInput = z.object({ from: Day.optional(), to: Day.optional() });
export const MetricIdInput = z.enum(METRIC_IDS as [MetricId, ...MetricId[]]);

export async function resolvePeriodInput(
  db: Kysely<Database>,
  organisationId: string,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string }> {
  const to = input.to ?? (await latestDataDay(db, organisationId)) ?? new Date().toISOString().slice(0, 10);
  const range = DayRangeInput.safeParse({ from: input.from ?? thirtyDaysEnding(to), to });
  if (!range.success) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: range.error.issues[0]?.message ?? 'Invalid period.',
    });
  }
  return range.data;
}

/** The agent a request is about, after the scope check; agents may leave the id out to mean themselves. */
export async function readableAgent(
  db: Kysely<Database>,
  user: SessionUser,
  agentId: string | undefined,
): Promise<AgentSummary> {
  const id = agentId ?? user.agentId;
  if (!id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Choose an agent.' });
  const agent = await agentById(db, user.organisationId, id);
  const missing = () => notFound(`No agent with id "${id}".`);
  if (!agent) throw missing();
  hiddenUnlessAllowed(() => assertCanReadAgent(user, agent), missing);
  return agent;
}
