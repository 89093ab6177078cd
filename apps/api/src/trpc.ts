import { initTRPC, TRPCError } from '@trpc/server';
import type { SessionUser } from './auth/session-user.ts';
import type { Context } from './context.ts';
import { describeIssues } from './input-issues.ts';
import { procedureDuration } from './observability/metrics.ts';
import { tooLargeMessage } from './server/request-guards.ts';
import type { Role } from './users/role.ts';

/** initTRPC is called once; routers build on the procedures exported here. */
const t = initTRPC.context<Context>().create({
  // Clients get a typed code and a human message, never a stack trace or SQL.
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      message: clientMessage(error, shape.message),
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus },
    };
  },
});

/** What the client reads: input problems as a sentence, never the text of an internal error. */
function clientMessage(error: TRPCError, message: string): string {
  if (error.code === 'INTERNAL_SERVER_ERROR')
    return 'Something went wrong on the server; the error has been logged.';
  if (error.code === 'PAYLOAD_TOO_LARGE') return tooLargeMessage();
  const issues = (error.cause as { issues?: unknown } | undefined)?.issues;
  if (error.code === 'BAD_REQUEST' && Array.isArray(issues))
    return `Invalid input: ${describeIssues(issues)}`;
  return message;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure's duration and outcome, for `/metrics`: the latency by procedure that a batch of
 * calls in one HTTP request would hide. Only the router's own paths get here, so the label is bounded.
 */
const timedProcedure = t.procedure.use(async ({ path, type, next }) => {
  const end = procedureDuration.startTimer({ procedure: path, type });
  const result = await next();
  end({ outcome: result.ok ? 'ok' : result.error.code.toLowerCase() });
  return result;
});

/** Needs no sign-in: health, sign-in itself. */
export const publicProcedure = timedProcedure;

/** Any signed-in user; scope checks inside the procedure decide what they may see. */
export const authedProcedure = timedProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, user: ctx.user as SessionUser } });
});

/** Signed in with one of the given roles (DESIGN.md, roles and access). */
export function procedureFor(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${roles.join(' or ')} role.` });
    }
    return next();
  });
}

export const adminProcedure = procedureFor('admin');
