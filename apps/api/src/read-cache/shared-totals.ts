import type { Kysely } from 'kysely';
import type { Context } from '../context.ts';
import type { Database } from '../db/database.ts';
import {
  type AgentTotals,
  agentChannelTotals,
  agentTotals,
  type RollupFilter,
} from '../rollups/rollups.repository.ts';

/** The team's period totals, per agent and per agent and channel, that the dashboard's reads compare against. */
export interface TeamTotals {
  agentTotals(filter: RollupFilter): Promise<AgentTotals[]>;
  agentChannelTotals(filter: RollupFilter): Promise<(AgentTotals & { channel: string })[]>;
}

/** Read from the rollups every time: the CLI, exports, jobs and a server without a read cache. */
export function teamTotalsFrom(db: Kysely<Database>): TeamTotals {
  return {
    agentTotals: (filter) => agentTotals(db, filter),
    agentChannelTotals: (filter) => agentChannelTotals(db, filter),
  };
}

/**
 * The same totals shared by every read of the request's data version. A team's scorecards and
 * coaching opportunities each compare one agent against the whole team's totals, which are the same
 * for every agent of the team: read once, they serve the rest of the team's pages (bench:load found
 * the reads that miss the cache taking most of the server's time). Kept in the read cache under the
 * organisation, data version and the whole filter; they are the team's numbers, not any caller's
 * answer, and reach a caller only through a read that checked the caller's scope first.
 */
export async function teamTotalsOf(ctx: Context): Promise<TeamTotals> {
  const cache = ctx.readCache;
  const direct = teamTotalsFrom(ctx.db);
  if (!cache) return direct;
  const version = await ctx.dataVersion();
  const shared =
    <T>(name: string, read: (filter: RollupFilter) => Promise<T>) =>
    (filter: RollupFilter) =>
      cache.through(JSON.stringify(['team totals', name, version, filterKey(filter)]), () => read(filter));
  return {
    agentTotals: shared('agentTotals', direct.agentTotals),
    agentChannelTotals: shared('agentChannelTotals', direct.agentChannelTotals),
  };
}

/** Every field of the filter, in one order, so that equal filters built differently share a key. */
function filterKey(filter: RollupFilter): [string, unknown][] {
  return Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
