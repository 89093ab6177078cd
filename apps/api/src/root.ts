import { adminRouter } from './routers/admin.ts';
import { agentsRouter } from './routers/agents.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { coachingRouter } from './routers/coaching.ts';
import { conversationsRouter } from './routers/conversations.ts';
import { disputesRouter } from './routers/disputes.ts';
import { exportsRouter } from './routers/exports.ts';
import { healthRouter } from './routers/health.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { reviewsRouter } from './routers/reviews.ts';
import { teamsRouter } from './routers/teams.ts';
import { uploadsRouter } from './routers/uploads.ts';
import { viewsRouter } from './routers/views.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  admin: adminRouter,
  agents: agentsRouter,
  audit: auditRouter,
  auth: authRouter,
  coaching: coachingRouter,
  conversations: conversationsRouter,
  disputes: disputesRouter,
  exports: exportsRouter,
  health: healthRouter,
  notifications: notificationsRouter,
  reviews: reviewsRouter,
  teams: teamsRouter,
  uploads: uploadsRouter,
  views: viewsRouter,
});

export type AppRouter = typeof appRouter;
