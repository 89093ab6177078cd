import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { prepareWeeklyResponse } from '../../charts/weekly-response.prepare.ts';
import { WeeklyResponseChart } from '../../charts/weekly-response-chart.tsx';
import { formatDay } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AgentsTable } from './agents-table.tsx';

interface Filters {
  teamId?: string;
  from?: string;
  to?: string;
}

/** Container: owns the query and its loading, error and empty states; the views only render. */
export function TeamOverviewPage() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({});
  const health = useQuery({
    ...trpc.health.check.queryOptions(),
    refetchInterval: (q) => (q.state.data?.loading ? 1_000 : false),
  });
  const loading = health.data?.loading ?? null;
  const overview = useQuery({
    ...trpc.teams.overview.queryOptions(filters),
    refetchInterval: loading ? 3_000 : false,
  });

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Team overview</h1>
      {loading && (
        <p className="notice" role="status">
          Loading demo data: {loading.done.toLocaleString()} of {loading.total.toLocaleString()}{' '}
          conversations… <progress max={loading.total} value={loading.done} aria-label="Demo data loaded" />
        </p>
      )}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>
          Team{' '}
          <select
            value={filters.teamId ?? ''}
            onChange={(e) => setFilters({ ...filters, teamId: e.target.value || undefined })}
          >
            <option value="">All teams</option>
            {overview.data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From{' '}
          <input
            type="date"
            value={filters.from ?? overview.data?.period.from ?? ''}
            onChange={(e) => setFilters({ ...filters, from: e.target.value || undefined })}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={filters.to ?? overview.data?.period.to ?? ''}
            onChange={(e) => setFilters({ ...filters, to: e.target.value || undefined })}
          />
        </label>
      </form>

      {overview.isPending && <p role="status">Loading the overview…</p>}
      {overview.isError && (
        <p className="error" role="alert">
          Could not load the overview: {overview.error.message}
        </p>
      )}
      {overview.data && overview.data.agents.length === 0 && (
        <p className="empty">
          No conversations in this period. Import logs with <code>pnpm rapport ingest FILE</code>.
        </p>
      )}
      {overview.data && overview.data.agents.length > 0 && (
        <>
          <p className="period">
            {formatDay(overview.data.period.from)} – {formatDay(overview.data.period.to)} ·{' '}
            {overview.data.agents.length} agents ·{' '}
            {overview.data.agents.reduce((n, a) => n + a.conversations, 0).toLocaleString()} conversations
          </p>
          <figure className="card" aria-labelledby="weekly-title">
            <figcaption id="weekly-title">Weekly response time</figcaption>
            <WeeklyResponseChart data={prepareWeeklyResponse(overview.data.weekly)} />
          </figure>
          <AgentsTable agents={overview.data.agents} />
        </>
      )}
    </section>
  );
}
