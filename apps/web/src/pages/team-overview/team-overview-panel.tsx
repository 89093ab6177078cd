import { todayIn } from '@rapport/metrics/calendar';
import { formatCount } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ChartPlaceholder, usePreloadCharts } from '../../charts/lazy.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { Me } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { loadable } from '../../lib/loadable.tsx';
import { navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { overviewFilters } from '../../lib/url-state.ts';
import { AgentsTable } from './agents-table.tsx';
import { prepareWeeklyResponse } from './weekly-response.prepare.ts';

/**
 * Container for teams.overview: team and period pickers (kept in the URL, so a link or the back button
 * returns to the same view), the weekly chart and the agents table, with loading, error and empty states.
 */
/** Data whose latest day is before today in the reader's time zone: the page says how old it is. */
function isStale(latestDataDay: string | null): boolean {
  return (
    latestDataDay !== null &&
    latestDataDay < todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date())
  );
}

/** The chart with recharts, in a chunk of its own (charts/lazy.tsx says why). */
const WeeklyResponseChart = loadable(
  () => import('./weekly-response-chart.tsx').then((m) => m.WeeklyResponseChart),
  () => <ChartPlaceholder height={260} />,
);

export function TeamOverviewPanel({ me, title, intro }: { me: Me; title: string; intro?: ReactNode }) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const filters = overviewFilters(search);
  const setFilters = (next: typeof filters) =>
    navigate(
      withQuery(pathname, {
        team: next.teamId,
        from: next.from,
        to: next.to,
        channel: next.channel,
        queue: next.queue,
      }),
      { replace: true },
    );
  const overview = useQuery({
    ...trpc.teams.overview.queryOptions(filters),
    placeholderData: (previous) => previous,
  });
  usePreloadCharts();
  const data = overview.data;
  // A supervisor may open only their own team; the others would be refused.
  // The server offers a supervisor only their own team.
  const teams = data?.teams ?? [];
  const teamNames = new Map(data?.teams.map((t) => [t.id, t.name]));

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{title}</h1>
      {intro}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>
          Team{' '}
          <select
            value={filters.teamId ?? ''}
            onChange={(e) => setFilters({ ...filters, teamId: e.target.value || undefined })}
          >
            <option value="">{me.role === 'supervisor' ? 'My team' : 'All teams'}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel{' '}
          <select
            value={filters.channel ?? ''}
            onChange={(e) =>
              setFilters({ ...filters, channel: (e.target.value || undefined) as typeof filters.channel })
            }
          >
            <option value="">All channels</option>
            <option value="voice">Voice</option>
            <option value="chat">Chat</option>
            <option value="email">Email</option>
          </select>
        </label>
        <label>
          Queue{' '}
          <select
            value={filters.queue ?? ''}
            onChange={(e) => setFilters({ ...filters, queue: e.target.value || undefined })}
          >
            <option value="">All queues</option>
            {data?.queues.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <PeriodPicker
          value={filters}
          resolved={data?.period}
          onChange={(p) => setFilters({ ...filters, ...p })}
        />
      </form>

      {overview.isPending && <Loading>Loading the overview…</Loading>}
      {overview.isError && (
        <QueryError error={overview.error} what="the overview" onRetry={() => overview.refetch()} />
      )}
      {data && data.agents.length === 0 && (
        <Empty>
          No conversations in this period. Choose another period, or import logs with{' '}
          <code>pnpm rapport ingest FILE</code>.
        </Empty>
      )}
      {data && data.agents.length > 0 && (
        <>
          <p className="period" aria-live="polite">
            {formatDay(data.period.from)} – {formatDay(data.period.to)} ·{' '}
            {formatCount(data.agents.length, 'agent')} ·{' '}
            {formatCount(
              data.agents.reduce((n, a) => n + a.conversations, 0),
              'conversation',
            )}
            {isStale(data.latestDataDay) && ` · latest data: ${formatDay(data.latestDataDay as string)}`}
            {overview.isFetching && ' · updating…'}
          </p>
          <figure className="card" aria-labelledby="weekly-title">
            <figcaption id="weekly-title">Weekly response time</figcaption>
            <WeeklyResponseChart data={prepareWeeklyResponse(data.weekly, data.period)} />
          </figure>
          <AgentsTable
            agents={data.agents}
            period={data.period}
            teamNames={teamNames}
            teamMedians={data.teamMedians}
            targets={data.targets}
          />
        </>
      )}
    </section>
  );
}
