import { CHANNELS, METRIC_IDS, type MetricId } from '@rapport/metrics';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AgentSummary, agentById } from '../agents/agents.repository.ts';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadAgent } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { Day, organisationPeriod } from '../period.ts';

/** Reusable input fragments. Without dates a period is the 30 days ending on the latest day with data. */
/** One of the log format's channels (a filter, or the one channel a view is read for). */
export const ChannelInput = z.enum(CHANNELS);

export const PeriodInput = z.object({ from: Day.optional(), to: Day.optional() });
export const MetricIdInput = z.enum(METRIC_IDS as [MetricId, ...MetricId[]]);

export async function resolvePeriodInput(
  db: Kysely<Database>,
  organisationId: string,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string }> {
  const resolved = await organisationPeriod(db, organisationId, input);
  if (!resolved.ok) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: resolved.problems[0]?.message ?? 'Invalid period.' });
  }
  return resolved.period;
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
