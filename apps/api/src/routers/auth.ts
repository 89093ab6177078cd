import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { LoginError, login } from '../auth/login.ts';
import { deleteSession, SESSION_TTL_MS } from '../auth/sessions.repository.ts';
import { demoAccounts } from '../demo/users.ts';
import { PASSWORD_MAX_LENGTH, Text } from '../text-input.ts';
import { publicProcedure, router } from '../trpc.ts';

export const LoginInput = z.object({
  email: Text(254).trim().min(1, 'Enter your email address.'),
  password: Text(PASSWORD_MAX_LENGTH).min(1, 'Enter your password.'),
});

export const authRouter = router({
  /** Signs in and sets the http-only session cookie. */
  login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
    try {
      const { token } = await login(ctx.db, { ...input, address: ctx.session.address, demo: ctx.demo });
      ctx.session.setToken(token, SESSION_TTL_MS / 1000);
      return { ok: true as const };
    } catch (error) {
      if (!(error instanceof LoginError)) throw error;
      throw new TRPCError({
        code: error.reason === 'rate_limited' ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED',
        message: error.message,
      });
    }
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session.token) await deleteSession(ctx.db, ctx.session.token);
    ctx.session.setToken(null, 0);
    return { ok: true as const };
  }),

  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** In demo mode only, and only until a real user exists: the demo accounts, for the sign-in page. */
  demoAccounts: publicProcedure.query(({ ctx }) =>
    ctx.demo ? demoAccounts(ctx.db, ctx.organisationId) : null,
  ),
});
