import { CHANNELS, type Channel } from '@rapport/metrics/catalog';
import { tableCsv } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { PageProps } from '../../app/page-props.ts';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import { SavedViews } from '../../components/saved-views.tsx';
import type { MetricId } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { hasEvidence, METRIC_IDS, metricLabel, metricUnit, worstFirst } from '../../lib/metrics.ts';
import { navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { csvOfRows, ResultsTable, type SortKey, searchColumns } from './results-table.tsx';
import {
  readSearchState,
  type SearchState,
  searchedText,
  searchInput,
  searchQuery,
  stateOfView,
  viewStateOf,
} from './search-state.ts';

const PAGE_SIZE = 25;

/**
 * `/conversations`: search by agent, team, period, channel, metric and text; every filter, the sort
 * and the page live in the URL (search-state.ts), and supervisors and admins save them as a view that
 * `?view=ID` reopens. With a metric, the conversations behind its value, worst first. The API limits
 * the results to what the caller may read.
 */
export function ConversationSearchPage({ me }: PageProps) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const filters = readSearchState(search);
  // Any change but the page makes the results something other than the saved view they came from.
  const update = (next: Partial<SearchState>) =>
    navigate(withQuery(pathname, searchQuery({ ...filters, page: 1, viewId: undefined, ...next }, true)), {
      replace: true,
    });

  // `?view=ID` alone: the saved view's filters and sort come from the server and go into the URL.
  const opening = filters.viewId !== undefined && [...search.keys()].every((k) => k === 'view');
  const savedView = useQuery({
    ...trpc.views.byId.queryOptions({ kind: 'search', id: filters.viewId ?? 0 }),
    enabled: opening,
  });
  useEffect(() => {
    if (!opening || savedView.data?.kind !== 'search') return;
    const restored = stateOfView(savedView.data.state, savedView.data.id);
    navigate(withQuery(pathname, searchQuery(restored, true)), { replace: true });
  }, [opening, savedView.data, pathname]);

  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const submitText = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };

  const searched = searchedText(filters);
  const agents = useQuery({ ...trpc.agents.list.queryOptions(), enabled: me.role !== 'agent' });
  // The teams of the agents one may read: a choice only for those who read more than one.
  const teams = [...new Set(agents.data?.map((a) => a.teamId).filter((t): t is string => t !== null))].sort();
  const results = useQuery({
    ...trpc.conversations.search.queryOptions(searchInput(filters, PAGE_SIZE)),
    placeholderData: (previous) => previous,
    enabled: !opening,
  });
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const columns = searchColumns({ metric: filters.metric, showAgent: me.role !== 'agent' });
  const unit = filters.metric ? metricUnit(filters.metric) : null;
  // A click on the sorted column turns it round; another column starts at its natural end.
  const sortBy = (key: SortKey) => {
    // The URL's sort first: the answer to the last click may not have arrived yet.
    const current = filters.sort ?? data?.sort;
    const order = filters.order ?? data?.order;
    if (current === key) update({ sort: key, order: order === 'asc' ? 'desc' : 'asc' });
    else
      update({
        sort: key,
        order: key === 'customer' || key === 'agent' || key === 'channel' ? 'asc' : 'desc',
      });
  };
  const download = () => {
    if (!data) return;
    const { header, cells } = csvOfRows(data.rows, columns, unit, searched);
    const url = URL.createObjectURL(new Blob([tableCsv(header, cells)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `conversations-${data.period.from}-${data.period.to}-page-${filters.page}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const title = me.role === 'agent' ? 'My conversations' : 'Conversations';
  if (opening) {
    return (
      <section aria-labelledby="search-title">
        <h1 id="search-title">{title}</h1>
        {savedView.isError ? (
          <QueryError error={savedView.error} what="the saved view" />
        ) : (
          <Loading>Opening the saved view…</Loading>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{title}</h1>
      <form className="filters search-filters" onSubmit={submitText} aria-label="Search conversations">
        {(teams.length > 1 || filters.team) && (
          <label>
            Team{' '}
            <select
              value={filters.team ?? ''}
              onChange={(e) => update({ team: e.target.value || undefined, agent: undefined })}
            >
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
        {me.role !== 'agent' && (
          <label>
            Agent{' '}
            <select
              value={filters.agent ?? ''}
              onChange={(e) => update({ agent: e.target.value || undefined })}
            >
              <option value="">All my agents</option>
              {agents.data
                ?.filter((a) => !filters.team || a.teamId === filters.team)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name ?? a.id}
                  </option>
                ))}
            </select>
          </label>
        )}
        <PeriodPicker value={filters} resolved={data?.period} onChange={(p) => update(p)} />
        <label>
          Channel{' '}
          <select
            value={filters.channel ?? ''}
            onChange={(e) => update({ channel: (e.target.value || undefined) as Channel | undefined })}
          >
            <option value="">Any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Metric{' '}
          <select
            value={filters.metric ?? ''}
            onChange={(e) =>
              update({
                metric: (e.target.value || undefined) as MetricId | undefined,
                sort: undefined,
                order: undefined,
                flagged: e.target.value ? filters.flagged : undefined,
              })
            }
          >
            <option value="">Any</option>
            {METRIC_IDS.map((id) => (
              <option key={id} value={id}>
                {metricLabel(id)}
              </option>
            ))}
          </select>
        </label>
        {filters.metric && hasEvidence(filters.metric) && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.flagged === '1'}
              onChange={(e) => update({ flagged: e.target.checked ? '1' : undefined })}
            />{' '}
            Only flagged
          </label>
        )}
        <label>
          Text{' '}
          <input
            type="search"
            value={text}
            minLength={2}
            placeholder="words in any turn"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">Search</button>
      </form>

      {results.isPending && <Loading>Searching…</Loading>}
      {results.isError && (
        <QueryError error={results.error} what="the conversations" onRetry={() => results.refetch()} />
      )}
      {data && data.total === 0 && <Empty>No conversation matches these filters.</Empty>}
      {data && data.total > 0 && (
        <>
          <p className="period" aria-live="polite">
            {formatDay(data.period.from)} – {formatDay(data.period.to)} · showing{' '}
            {((filters.page - 1) * PAGE_SIZE + 1).toLocaleString()}–
            {Math.min(filters.page * PAGE_SIZE, data.total).toLocaleString()} of {data.total.toLocaleString()}{' '}
            conversations{results.isFetching && ' · updating…'}
          </p>
          {filters.metric && (
            <p className="muted">
              The conversations behind {metricLabel(filters.metric).toLowerCase()}
              {filters.flagged ? ' where it flagged the agent' : ', each with its own value'}; sorted by{' '}
              {columns.find((c) => c.key === data.sort)?.title.toLowerCase()},{' '}
              {data.sort === 'value' && data.order === worstFirst(filters.metric)
                ? 'worst first'
                : data.order === 'asc'
                  ? 'ascending'
                  : 'descending'}
              .
            </p>
          )}
          <ResultsTable
            rows={data.rows}
            columns={columns}
            unit={unit}
            sort={data.sort}
            order={data.order}
            onSort={sortBy}
            searched={searched}
          />
          <p>
            <button type="button" className="secondary" onClick={download}>
              Download these {data.rows.length.toLocaleString()} rows (CSV)
            </button>
          </p>
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="secondary"
              disabled={filters.page <= 1}
              onClick={() => update({ page: filters.page - 1, viewId: filters.viewId })}
            >
              ← Newer
            </button>
            <span>
              Page {filters.page} of {pages.toLocaleString()}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={filters.page >= pages}
              onClick={() => update({ page: filters.page + 1, viewId: filters.viewId })}
            >
              Older →
            </button>
          </nav>
        </>
      )}
      {me.role !== 'agent' && (
        <SavedViews
          view={{ kind: 'search', state: viewStateOf(filters) }}
          currentId={filters.viewId}
          pathname={pathname}
          onSaved={(id) =>
            navigate(withQuery(pathname, searchQuery({ ...filters, viewId: id }, true)), { replace: true })
          }
        />
      )}
    </section>
  );
}
