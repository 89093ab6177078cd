import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { PageProps } from '../../app/page-props.ts';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { MetricId } from '../../lib/api-types.ts';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { METRIC_IDS, metricLabel } from '../../lib/metrics.ts';
import { Link, navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';

const PAGE_SIZE = 25;
const CHANNELS = ['voice', 'chat', 'email'] as const;
type Channel = (typeof CHANNELS)[number];

/**
 * `/conversations`: search by agent, period, channel, metric flag and text; every filter and the page
 * live in the URL. The API limits the results to what the caller may read.
 */
export function ConversationSearchPage({ me }: PageProps) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const filters = {
    agent: search.get('agent') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    channel: (CHANNELS as readonly string[]).includes(search.get('channel') ?? '')
      ? (search.get('channel') as Channel)
      : undefined,
    metric: (METRIC_IDS as string[]).includes(search.get('metric') ?? '')
      ? (search.get('metric') as MetricId)
      : undefined,
    q: search.get('q') ?? undefined,
    page: Math.max(1, Number(search.get('page')) || 1),
  };
  const update = (next: Partial<typeof filters>) =>
    navigate(withQuery(pathname, { ...filters, page: undefined, ...next }), { replace: true });

  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const submitText = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };

  const agents = useQuery({ ...trpc.agents.list.queryOptions(), enabled: me.role !== 'agent' });
  const results = useQuery({
    ...trpc.conversations.search.queryOptions({
      agentId: filters.agent,
      from: filters.from,
      to: filters.to,
      channel: filters.channel,
      metric: filters.metric,
      text: filters.q && filters.q.length >= 2 ? filters.q : undefined,
      limit: PAGE_SIZE,
      offset: (filters.page - 1) * PAGE_SIZE,
    }),
    placeholderData: (previous) => previous,
  });
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{me.role === 'agent' ? 'My conversations' : 'Conversations'}</h1>
      <form className="filters search-filters" onSubmit={submitText} aria-label="Search conversations">
        {me.role !== 'agent' && (
          <label>
            Agent{' '}
            <select
              value={filters.agent ?? ''}
              onChange={(e) => update({ agent: e.target.value || undefined })}
            >
              <option value="">All my agents</option>
              {agents.data?.map((a) => (
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
          Flagged for{' '}
          <select
            value={filters.metric ?? ''}
            onChange={(e) => update({ metric: (e.target.value || undefined) as MetricId | undefined })}
          >
            <option value="">Any or none</option>
            {METRIC_IDS.map((id) => (
              <option key={id} value={id}>
                {metricLabel(id)}
              </option>
            ))}
          </select>
        </label>
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
          <div className="table-wrap">
            <table className="data-table conversations">
              <caption className="visually-hidden">Conversations, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Conversation</th>
                  <th scope="col">Started</th>
                  {me.role !== 'agent' && <th scope="col">Agent</th>}
                  <th scope="col">Channel</th>
                  <th scope="col">Queue</th>
                  <th scope="col" className="num">
                    Flags
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/conversations/${encodeURIComponent(r.id)}`}>{r.id}</Link>
                    </th>
                    <td>
                      <time dateTime={r.startedAt}>{formatDateTime(r.startedAt)}</time>
                    </td>
                    {me.role !== 'agent' && <td>{r.agentName ?? r.agentId}</td>}
                    <td>{r.channel}</td>
                    <td>{r.queue ?? '—'}</td>
                    <td className="num">{r.flags.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="secondary"
              disabled={filters.page <= 1}
              onClick={() => update({ ...filters, page: filters.page - 1 })}
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
              onClick={() => update({ ...filters, page: filters.page + 1 })}
            >
              Older →
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
