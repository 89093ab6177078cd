import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { makeTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { TeamOverviewPage } from './pages/team-overview/index.tsx';
import './styles.css';

function App() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }),
  );
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <header className="app-header">
          <span className="brand">Rapport</span>
          <nav aria-label="Main">
            <a href="/" aria-current="page">
              Team overview
            </a>
          </nav>
        </header>
        <main>
          <TeamOverviewPage />
        </main>
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
