import { authRouter } from './routers/auth.ts';
import { healthRouter } from './routers/health.ts';
import { teamsRouter } from './routers/teams.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  health: healthRouter,
  teams: teamsRouter,
});

export type AppRouter = typeof appRouter;
