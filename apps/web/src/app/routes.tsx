import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { Loading } from '../components/query-state.tsx';
import type { Me, Role } from '../lib/api-types.ts';
import { type Loadable, loadable } from '../lib/loadable.tsx';
import { matchPath } from '../lib/router.ts';
import type { useTRPC } from '../lib/trpc.ts';
import { overviewFilters } from '../lib/url-state.ts';

import type { PageProps } from './page-props.ts';

export type { PageProps } from './page-props.ts';

interface RouteDef {
  pattern: string;
  title: string;
  /** Who may open the view; the API checks again for every call, this only explains a refusal early. */
  roles: readonly Role[];
  page: Loadable<PageProps>;
  /**
   * Starts the page's main query while its code is still loading (the same queryOptions the page's
   * useQuery uses, so the page finds the request under way instead of starting it after it renders).
   */
  prefetch?: (context: PrefetchContext) => void;
}

interface PrefetchContext {
  queryClient: QueryClient;
  trpc: ReturnType<typeof useTRPC>;
  params: Record<string, string>;
  search: URLSearchParams;
}

const prefetchOverview = ({ queryClient, trpc, search }: PrefetchContext) =>
  void queryClient.prefetchQuery(trpc.teams.overview.queryOptions(overviewFilters(search)));

/** Route-level code splitting: each page is its own chunk, loaded when first opened (or preloaded). */
function page(load: () => Promise<ComponentType<PageProps>>): Loadable<PageProps> {
  return loadable(load, () => <Loading>Loading the page…</Loading>);
}

/** The route a path opens, if any, with its parameters. */
export function routeFor(pathname: string) {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}

const TeamOverviewPage = page(() =>
  import('../pages/team-overview/index.tsx').then((m) => m.TeamOverviewPage),
);
const AgentScorecardPage = page(() =>
  import('../pages/agent-scorecard/index.tsx').then((m) => m.AgentScorecardPage),
);
const ConversationPage = page(() =>
  import('../pages/conversation/index.tsx').then((m) => m.ConversationPage),
);
const ConversationSearchPage = page(() =>
  import('../pages/conversation-search/index.tsx').then((m) => m.ConversationSearchPage),
);
const HrPage = page(() => import('../pages/hr/index.tsx').then((m) => m.HrPage));
const CoachingPage = page(() => import('../pages/coaching/index.tsx').then((m) => m.CoachingPage));
const DisputesPage = page(() => import('../pages/disputes/index.tsx').then((m) => m.DisputesPage));
const AdminPage = page(() => import('../pages/admin/index.tsx').then((m) => m.AdminPage));
const ExportsPage = page(() => import('../pages/exports/index.tsx').then((m) => m.ExportsPage));
const NotificationsPage = page(() =>
  import('../pages/notifications/index.tsx').then((m) => m.NotificationsPage),
);

const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'hr', 'admin'];
const TRANSCRIPT_READERS: readonly Role[] = ['agent', 'supervisor', 'admin'];

export const ROUTES: readonly RouteDef[] = [
  {
    pattern: '/',
    title: 'Team overview',
    roles: ['supervisor', 'admin'],
    page: TeamOverviewPage,
    prefetch: prefetchOverview,
  },
  {
    pattern: '/agents/:id',
    title: 'Agent scorecard',
    roles: EVERYONE,
    page: AgentScorecardPage,
    prefetch: ({ queryClient, trpc, params, search }) =>
      void queryClient.prefetchQuery(
        trpc.agents.scorecard.queryOptions({
          agentId: params.id as string,
          from: search.get('from') ?? undefined,
          to: search.get('to') ?? undefined,
        }),
      ),
  },
  {
    pattern: '/conversations',
    title: 'Conversations',
    roles: TRANSCRIPT_READERS,
    page: ConversationSearchPage,
  },
  { pattern: '/conversations/:id', title: 'Conversation', roles: TRANSCRIPT_READERS, page: ConversationPage },
  { pattern: '/hr', title: 'HR overview', roles: ['hr', 'admin'], page: HrPage, prefetch: prefetchOverview },
  { pattern: '/exports', title: 'Exports', roles: ['hr', 'supervisor', 'admin'], page: ExportsPage },
  { pattern: '/coaching', title: 'Coaching', roles: EVERYONE, page: CoachingPage },
  { pattern: '/disputes', title: 'Disputes', roles: TRANSCRIPT_READERS, page: DisputesPage },
  { pattern: '/notifications', title: 'Notifications', roles: EVERYONE, page: NotificationsPage },
  { pattern: '/admin', title: 'Admin', roles: ['admin'], page: AdminPage },
  { pattern: '/admin/:section', title: 'Admin', roles: ['admin'], page: AdminPage },
];

/** Where each role starts: supervisors and admins on the team overview, agents on their own scorecard, HR on theirs. */
export function homeOf(me: Me): string {
  if (me.role === 'agent') return me.agentId ? `/agents/${encodeURIComponent(me.agentId)}` : '/no-agent';
  if (me.role === 'hr') return '/hr';
  return '/';
}

export interface NavItem {
  to: string;
  label: string;
  /** Other paths under this item (a scorecard opened from the overview stays under it). */
  prefix?: string;
}

export function navFor(me: Me): NavItem[] {
  const home = homeOf(me);
  switch (me.role) {
    case 'agent':
      return [
        { to: home, label: 'My scorecard' },
        { to: '/conversations', label: 'My conversations', prefix: '/conversations' },
        { to: '/coaching', label: 'My coaching' },
        { to: '/disputes', label: 'My disputes' },
      ];
    case 'supervisor':
      return [
        { to: '/', label: 'Team overview', prefix: '/agents' },
        { to: '/conversations', label: 'Conversations', prefix: '/conversations' },
        { to: '/coaching', label: 'Coaching' },
        { to: '/disputes', label: 'Disputes' },
        { to: '/exports', label: 'Exports' },
      ];
    case 'hr':
      return [
        { to: '/hr', label: 'HR overview', prefix: '/agents' },
        { to: '/exports', label: 'Exports' },
        { to: '/coaching', label: 'Coaching' },
      ];
    case 'admin':
      return [
        { to: '/', label: 'Team overview', prefix: '/agents' },
        { to: '/conversations', label: 'Conversations', prefix: '/conversations' },
        { to: '/coaching', label: 'Coaching' },
        { to: '/disputes', label: 'Disputes' },
        { to: '/hr', label: 'HR overview' },
        { to: '/exports', label: 'Exports' },
        { to: '/admin', label: 'Admin', prefix: '/admin' },
      ];
  }
}
