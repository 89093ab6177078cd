import type { AppRouter } from '@rapport/api';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** The server refuses a batch of more calls, and a sign-in that is not alone in its request. */
const MAX_BATCH_CALLS = 10;

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.path === 'auth.login',
        true: httpLink({ url: '/trpc' }),
        false: httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_CALLS }),
      }),
    ],
  });
}
