import { sql } from 'kysely';
import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  /** Liveness and database reachability, plus demo-load progress while the first start fills it. */
  check: publicProcedure.query(async ({ ctx }) => {
    await sql`SELECT 1`.execute(ctx.db);
    return { ok: true as const, database: 'up' as const, loading: ctx.loading() };
  }),
});
