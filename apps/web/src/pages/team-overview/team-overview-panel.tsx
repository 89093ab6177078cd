import { PERIOD_PRESETS, type PeriodPreset, PRESET_LABELS, todayIn } from '@rapport/metrics/calendar';
import type { MetricId } from '@rapport/metrics/catalog';
import { CHANNELS, type Channel } from '@rapport/metrics/catalog';
import { formatCount } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { ChartPlaceholder, usePreloadCharts } from '../../charts/lazy.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import { SavedViews } from '../../components/saved-views.tsx';
import type { Me } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { loadable } from '../../lib/loadable.tsx';
import { navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useMediaQuery } from '../../lib/use-media-query.ts';
import { AgentCards } from './agent-cards.tsx';
import { AgentsTable } from './agents-table.tsx';
import { ColumnPicker } from './column-picker.tsx';
import { overviewCsv } from './overview-csv.ts';
import { sortAgents } from './overview-sort.ts';
import {
  type OverviewState,
  overviewInput,
  overviewSearch,
  readOverviewState,
  stateOfView,
  viewStateOf,
} from './overview-state.ts';
import type { Overview } from './overview-types.ts';
import { prepareWeeklyResponse } from './weekly-response.prepare.ts';

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

/** Below this width the table becomes one card per agent. */
const PHONE = '(max-width: 640px)';

/**
 * Container for teams.overview: filters, period, comparison and columns kept in the URL (a link, the
 * back button and a saved view reopen the same table), the weekly chart, and the agents as a table or,
 * on a phone, as cards; loading, error and empty states; CSV of what is shown.
 */
export function TeamOverviewPanel({ me, title, intro }: { me: Me; title: string; intro?: ReactNode }) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const state = readOverviewState(search);
  // Any change makes the table something other than the saved view it was opened from.
  const update = (next: Partial<OverviewState>) =>
    navigate(withQuery(pathname, overviewSearch({ ...state, ...next, viewId: undefined })), {
      replace: true,
    });

  // `/?view=ID` alone: the saved view's state comes from the server and goes into the URL.
  const opening = state.viewId !== undefined && [...search.keys()].every((k) => k === 'view');
  const savedView = useQuery({
    ...trpc.views.byId.queryOptions({ kind: 'overview', id: state.viewId ?? 0 }),
    enabled: opening,
  });
  useEffect(() => {
    if (!opening || savedView.data?.kind !== 'overview') return;
    const restored = stateOfView(savedView.data.state, savedView.data.id);
    navigate(withQuery(pathname, overviewSearch(restored, true)), { replace: true });
  }, [opening, savedView.data, pathname]);

  const overview = useQuery({
    ...trpc.teams.overview.queryOptions(overviewInput(state)),
    placeholderData: (previous) => previous,
    enabled: !opening,
  });
  usePreloadCharts();
  const phone = useMediaQuery(PHONE);
  const data = overview.data;
  const teamNames = new Map(data?.teams.map((t) => [t.id, t.name]));
  const teamName = (id: string | null) => (id === null ? 'no team' : (teamNames.get(id) ?? id));
  const agents = data ? sortAgents(data.agents, state.sort, state.descending, data.reviews) : [];
  const chosen: MetricId[] = state.metrics ?? [...new Set(data?.columns.map((c) => c.metricId) ?? [])];
  const onSort = (key: string) =>
    update({
      sort: key,
      // A new column starts descending for numbers, A–Z for names, lowest first for review scores.
      descending: state.sort === key ? !state.descending : key !== 'agent' && key !== 'review',
    });

  if (opening) {
    return (
      <section aria-labelledby="overview-title">
        <h1 id="overview-title">{title}</h1>
        {savedView.isError ? (
          <QueryError error={savedView.error} what="the saved view" />
        ) : (
          <Loading>Opening the saved view…</Loading>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{title}</h1>
      {intro}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>
          Team{' '}
          <select
            value={state.teamId ?? ''}
            onChange={(e) => update({ teamId: e.target.value || undefined })}
          >
            <option value="">{me.role === 'supervisor' ? 'My team' : 'All teams'}</option>
            {data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel{' '}
          <select
            value={state.channel ?? ''}
            onChange={(e) => update({ channel: (e.target.value || undefined) as Channel | undefined })}
          >
            <option value="">All channels (durations per channel)</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c[0]?.toUpperCase()}
                {c.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Queue{' '}
          <select value={state.queue ?? ''} onChange={(e) => update({ queue: e.target.value || undefined })}>
            <option value="">All queues</option>
            {data?.queues.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <PeriodChoice state={state} resolved={data?.period} onChange={update} />
        <label className="check">
          <input
            type="checkbox"
            checked={state.compare}
            onChange={(e) => update({ compare: e.target.checked })}
          />{' '}
          Compare with the previous period
        </label>
        <ColumnPicker chosen={chosen} onChange={(metrics) => update({ metrics })} />
        <button
          type="button"
          className="secondary"
          disabled={!data || data.agents.length === 0}
          onClick={() => data && downloadCsv(data, agents, teamName, state.compare)}
        >
          Download CSV
        </button>
      </form>

      {overview.isPending && <Loading>Loading the overview…</Loading>}
      {overview.isError && (
        <QueryError error={overview.error} what="the overview" onRetry={() => overview.refetch()} />
      )}
      {data && data.agents.length === 0 && (
        <Empty>
          No conversations in this period
          {data.latestDataDay ? ` (the latest data is from ${formatDay(data.latestDataDay)})` : ''}. Choose
          another period, or import logs with <code>pnpm rapport ingest FILE</code>.
        </Empty>
      )}
      {data && data.agents.length > 0 && (
        <>
          <p className="period" aria-live="polite">
            {formatDay(data.period.from)} – {formatDay(data.period.to)}
            {data.previousPeriod &&
              ` compared with ${formatDay(data.previousPeriod.from)} – ${formatDay(data.previousPeriod.to)}`}{' '}
            · {formatCount(data.agents.length, 'agent')} ·{' '}
            {formatCount(
              data.agents.reduce((n, a) => n + a.conversations, 0),
              'conversation',
            )}
            {isStale(data.latestDataDay) && ` · latest data: ${formatDay(data.latestDataDay as string)}`}
            {overview.isFetching && ' · updating…'}
          </p>
          <details className="how-to-read">
            <summary>How to read this table</summary>
            <p>{data.attentionRule}</p>
            <p>
              Coaching opportunities use every channel of the period, as on the scorecard, but a duration is
              one channel's (the channel chosen, or each channel apart), held to that channel's response
              target; arrows show the 8-week trend. Durations are never averaged across channels: each channel
              has its own column and its own response target. A change from the previous period is shown as
              one only when a two-sample z-test on the per-conversation values puts it outside the noise (|z|
              ≥ 1.96, at least 5 conversations in each period); percentiles and per-day counts are shown, not
              tested. Every value opens the conversations behind it.
            </p>
          </details>
          {phone ? (
            <AgentCards
              overview={data}
              agents={agents}
              teamName={teamName}
              sort={state.sort}
              descending={state.descending}
            />
          ) : (
            <AgentsTable
              overview={data}
              agents={agents}
              teamName={teamName}
              sort={state.sort}
              descending={state.descending}
              onSort={onSort}
            />
          )}
          <WeeklyFigure data={data} />
        </>
      )}
      <SavedViews
        view={{ kind: 'overview', state: viewStateOf(state) }}
        currentId={state.viewId}
        pathname={pathname}
        onSaved={(id) =>
          navigate(withQuery(pathname, overviewSearch({ ...state, viewId: id }, true)), { replace: true })
        }
      />
    </section>
  );
}

/** A preset, the default (30 days to the latest data), or dates of one's own. */
function PeriodChoice({
  state,
  resolved,
  onChange,
}: {
  state: OverviewState;
  resolved: { from: string; to: string } | undefined;
  onChange: (next: Partial<OverviewState>) => void;
}) {
  const custom = state.from !== undefined || state.to !== undefined;
  const [choosingDates, setChoosingDates] = useState(custom);
  const value = state.preset ?? (custom || choosingDates ? 'custom' : '');
  return (
    <>
      <label>
        Period{' '}
        <select
          value={value}
          onChange={(e) => {
            const next = e.target.value;
            setChoosingDates(next === 'custom');
            if (next === 'custom') onChange({ preset: undefined, from: resolved?.from, to: resolved?.to });
            else
              onChange({
                preset: (next || undefined) as PeriodPreset | undefined,
                from: undefined,
                to: undefined,
              });
          }}
        >
          <option value="">30 days to the latest data</option>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
          <option value="custom">Dates…</option>
        </select>
      </label>
      {value === 'custom' && (
        <PeriodPicker
          value={state}
          resolved={resolved}
          onChange={(p) => onChange({ ...p, preset: undefined })}
        />
      )}
    </>
  );
}

/** Weekly response times for one channel at a time: the one chosen, or the busiest, with a switch. */
function WeeklyFigure({ data }: { data: Overview }) {
  const volumes = CHANNELS.map((c) => ({
    channel: c,
    conversations: data.weekly.filter((w) => w.channel === c).reduce((n, w) => n + w.conversations, 0),
  })).filter((v) => v.conversations > 0);
  const busiest = [...volumes].sort((a, b) => b.conversations - a.conversations)[0]?.channel;
  const [picked, setPicked] = useState<Channel | undefined>(undefined);
  const channel = data.channel ?? (picked && volumes.some((v) => v.channel === picked) ? picked : busiest);
  if (!channel) return null;
  return (
    <figure className="card" aria-labelledby="weekly-title">
      <figcaption id="weekly-title">
        Weekly response time · {channel}
        {data.channel === null && volumes.length > 1 && (
          <label className="chart-channel">
            {' '}
            Chart channel{' '}
            <select value={channel} onChange={(e) => setPicked(e.target.value as Channel)}>
              {volumes.map((v) => (
                <option key={v.channel} value={v.channel}>
                  {v.channel}
                </option>
              ))}
            </select>
          </label>
        )}
      </figcaption>
      <WeeklyResponseChart
        data={prepareWeeklyResponse(
          data.weekly.filter((w) => w.channel === channel),
          data.period,
        )}
      />
    </figure>
  );
}

function downloadCsv(
  data: Overview,
  agents: Overview['agents'],
  teamName: (id: string | null) => string,
  compare: boolean,
) {
  const csv = overviewCsv({ columns: data.columns, agents, teamName, compare, reviews: data.reviews });
  // A byte-order mark, so that spreadsheet programs read the UTF-8 (≤, ·, names) as such.
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `team-overview-${data.period.from}-${data.period.to}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
