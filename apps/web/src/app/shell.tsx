import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Component, type ReactNode, useEffect, useRef } from 'react';
import { Loading, NotAllowed } from '../components/query-state.tsx';
import type { Me } from '../lib/api-types.ts';
import { Link, navigate, useLocation } from '../lib/router.ts';
import { useTRPC } from '../lib/trpc.ts';
import { SignInPage } from '../pages/sign-in/index.tsx';
import { NotificationsMenu } from './notifications-menu.tsx';
import { homeOf, navFor, routeFor } from './routes.tsx';

const ROLE_NAMES = { agent: 'agents', supervisor: 'supervisors', hr: 'HR', admin: 'admins' } as const;

/** The signed-in frame: header with the role's navigation, the page for the URL, sign-in otherwise. */
export function Shell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const { pathname } = useLocation();
  // The page's code downloads while we learn who is signed in.
  useEffect(() => {
    void routeFor(pathname)?.route.page.preload();
  }, [pathname]);
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        navigate('/', { replace: true });
        queryClient.resetQueries();
      },
    }),
  );

  if (me.isPending) return <Loading>Loading…</Loading>;
  if (me.isError)
    return (
      <p className="error" role="alert">
        Rapport is not reachable: {me.error.message}
      </p>
    );
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Rapport</span>
        {me.data && <MainNav me={me.data} />}
        {me.data && (
          <span className="who">
            <NotificationsMenu />
            <span className="who-email">{me.data.email}</span>
            <span className="role-badge">{me.data.role}</span>
            <button type="button" className="secondary" onClick={() => logout.mutate()}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <DemoLoadingNotice />
      {me.data ? (
        <Routed me={me.data} />
      ) : (
        <main id="main">
          <SignInPage />
        </main>
      )}
    </>
  );
}

function MainNav({ me }: { me: Me }) {
  const { pathname } = useLocation();
  const items = navFor(me);
  const current =
    items.find((item) => item.to === pathname) ??
    items.find((item) => item.prefix && pathname.startsWith(item.prefix));
  return (
    <nav aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={item === current ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Routed({ me }: { me: Me }) {
  const { pathname, search } = useLocation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const home = homeOf(me);
  const redirect = pathname === '/' && home !== '/' ? home : null;

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  const match = routeFor(pathname);

  const allowed = match?.params && match.route.roles.includes(me.role) && !redirect ? match : null;
  const searchKey = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: prefetch once per URL, not per render
  useEffect(() => {
    allowed?.route.prefetch?.({
      queryClient,
      trpc,
      params: allowed.params ?? {},
      search: new URLSearchParams(searchKey),
    });
  }, [pathname, searchKey]);

  useEffect(() => {
    document.title = `${match?.route.title ?? 'Not found'} · Rapport`;
    // After an in-app navigation, move focus to the new page so screen readers announce it.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus({ preventScroll: false });
  }, [match?.route.title]);

  let content: ReactNode;
  if (redirect) content = <Loading>Opening your start page…</Loading>;
  else if (!match?.params)
    content = (
      <div className="card state-card" role="alert">
        <h1>Page not found</h1>
        <p>
          There is no page at <code>{pathname}</code>. <Link to={home}>Go to your start page</Link>.
        </p>
      </div>
    );
  else if (!match.route.roles.includes(me.role))
    content = (
      <>
        <h1>{match.route.title}</h1>
        <NotAllowed
          reason={`This page is for ${match.route.roles.map((r) => ROLE_NAMES[r]).join(', ')}; you are signed in as ${me.role}.`}
        />
      </>
    );
  else {
    const Page = match.route.page;
    content = (
      <PageErrorBoundary key={pathname}>
        <Page me={me} params={match.params} />
      </PageErrorBoundary>
    );
  }
  return (
    <main id="main" ref={mainRef} tabIndex={-1}>
      {content}
    </main>
  );
}

/** Shown on every page while the first start fills an empty database with demo data. */
function DemoLoadingNotice() {
  const trpc = useTRPC();
  const health = useQuery({
    ...trpc.health.check.queryOptions(),
    refetchInterval: (q) => (q.state.data?.loading ? 1_000 : false),
  });
  const loading = health.data?.loading ?? null;
  if (!loading) return null;
  return (
    <p className="notice" role="status">
      Loading demo data: {loading.done.toLocaleString()} of {loading.total.toLocaleString()} conversations…{' '}
      <progress max={loading.total} value={loading.done} aria-label="Demo data loaded" />
    </p>
  );
}

/** A page that fails to load (a lost chunk, a render error) says so instead of blanking the app. */
class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <div className="card state-card error" role="alert">
          <p>This page could not be shown: {this.state.error.message}</p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      );
    return this.props.children;
  }
}
