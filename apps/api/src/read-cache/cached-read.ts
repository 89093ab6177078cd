import type { SessionUser } from '../auth/session-user.ts';
import type { Context } from '../context.ts';
import { readCacheLookups } from '../observability/metrics.ts';

/**
 * Presets such as "this week" and default periods of an organisation without data follow its clock,
 * so no entry outlives the quarter hour it was computed in: every time zone's midnight falls on one.
 */
const CLOCK_STEP_MS = 15 * 60_000;

interface ReadOptions {
  ctx: Context & { user: SessionUser };
  input: unknown;
  path: string;
}

/**
 * A read procedure's resolver, answered from the process's read cache (ctx.readCache) when it holds
 * the result for the same organisation, data version, quarter hour, procedure, input and caller.
 * The caller is the user with the role, team and agent that their scope is decided by (auth/scope.ts):
 * one caller's result is never served to another, and a user whose role or team changed is a new
 * caller. One cheap query per request reads the data version (ctx.dataVersion), so that a write on
 * any server process is seen by the next request on every other one.
 */
export function cachedRead<TOptions extends ReadOptions, TOutput>(
  read: (options: TOptions) => Promise<TOutput>,
): (options: TOptions) => Promise<TOutput> {
  return async (options) => {
    const { ctx } = options;
    if (!ctx.readCache) return read(options);
    // Read before the data: a write that lands in between is then seen under the old version only.
    const version = await ctx.dataVersion();
    const key = readKey(options, version);
    readCacheLookups.inc({ result: ctx.readCache.has(key) ? 'hit' : 'miss' });
    return ctx.readCache.through(key, () => read(options));
  };
}

function readKey({ ctx, input, path }: ReadOptions, version: string): string {
  const { user } = ctx;
  return JSON.stringify([
    ctx.organisationId,
    version,
    Math.floor(Date.now() / CLOCK_STEP_MS),
    path,
    [user.id, user.role, user.teamId, user.agentId],
    // The validated input: zod writes its keys in the schema's order, so equal inputs read equal.
    input ?? null,
  ]);
}
