import { initTRPC } from '@trpc/server';
import type { Context } from './context.ts';

/** initTRPC is called once; routers build on the procedures exported here. */
const t = initTRPC.context<Context>().create({
  // Clients get a typed code and a human message, never a stack trace or SQL.
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? 'Something went wrong on the server; the error has been logged.' : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
