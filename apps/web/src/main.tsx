import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { makeTrpcClient, TRPCProvider, useTRPC } from './lib/trpc.ts';
import { SignInPage } from './pages/sign-in/index.tsx';
import { TeamOverviewPage } from './pages/team-overview/index.tsx';
import './styles.css';

function Shell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSuccess: () => queryClient.resetQueries() }),
  );

  if (me.isPending) return <p role="status">Loading…</p>;
  if (me.isError)
    return (
      <p className="error" role="alert">
        Rapport is not reachable: {me.error.message}
      </p>
    );
  return (
    <>
      <header className="app-header">
        <span className="brand">Rapport</span>
        {me.data && (
          <>
            <nav aria-label="Main">
              <a href="/" aria-current="page">
                Team overview
              </a>
            </nav>
            <span className="who">
              {me.data.email} ({me.data.role}){' '}
              <button type="button" onClick={() => logout.mutate()}>
                Sign out
              </button>
            </span>
          </>
        )}
      </header>
      <main>{me.data ? <TeamOverviewPage /> : <SignInPage />}</main>
    </>
  );
}

function App() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
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
