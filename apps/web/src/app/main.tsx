import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { makeTrpcClient, TRPCProvider } from '../lib/trpc.ts';
import { Shell } from './shell.tsx';
import '../styles.css';

function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            // Refusals and missing items do not get better by asking again.
            retry: (count, error) => {
              const code = (error as { data?: { code?: string } | null }).data?.code;
              return count < 1 && code !== 'FORBIDDEN' && code !== 'NOT_FOUND' && code !== 'UNAUTHORIZED';
            },
          },
        },
      }),
  );
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Shell />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
