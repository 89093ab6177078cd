import { PERIOD_PRESETS, type PeriodPreset } from '@rapport/metrics/calendar';
import { CHANNELS, type Channel, METRIC_IDS, type MetricId } from '@rapport/metrics/catalog';

/**
 * Everything the team overview shows lives in the URL (`?team=&channel=&queue=&period=|from=&to=
 * &compare=1&cols=&sort=&dir=`), so a link, the back button and a saved view all reopen the same
 * table. Read the same way by the page and by the prefetch that runs before it.
 */

/** 'attention' (the ranking), 'agent', 'conversations', 'review' or a column key ('csat', 'responseTimeMs:chat'). */
export type SortKey = string;
export const DEFAULT_SORT: SortKey = 'attention';

export interface OverviewState {
  teamId?: string | undefined;
  channel?: Channel | undefined;
  queue?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  preset?: PeriodPreset | undefined;
  compare: boolean;
  /** Unset: the server's default columns. */
  metrics?: MetricId[] | undefined;
  sort: SortKey;
  descending: boolean;
  /** The saved view this state was opened from, if it still is that view. */
  viewId?: number | undefined;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

export function readOverviewState(search: URLSearchParams): OverviewState {
  const cols = (search.get('cols') ?? '')
    .split(',')
    .map((id) => oneOf(METRIC_IDS, id))
    .filter((id): id is MetricId => id !== undefined);
  const preset = oneOf(PERIOD_PRESETS, search.get('period'));
  const view = Number(search.get('view'));
  return {
    teamId: search.get('team') || undefined,
    channel: oneOf(CHANNELS, search.get('channel')),
    queue: search.get('queue') || undefined,
    // A preset and dates exclude each other; the preset wins, as the picker offers either.
    from: preset ? undefined : search.get('from') || undefined,
    to: preset ? undefined : search.get('to') || undefined,
    preset,
    compare: search.get('compare') === '1',
    metrics: cols.length > 0 ? [...new Set(cols)] : undefined,
    sort: search.get('sort') || DEFAULT_SORT,
    descending: search.get('dir') !== 'asc',
    viewId: Number.isInteger(view) && view > 0 ? view : undefined,
  };
}

/** The query string of a state (without the saved view unless `withView`). */
export function overviewSearch(state: OverviewState, withView = false): Record<string, string | undefined> {
  return {
    ...(withView && state.viewId ? { view: String(state.viewId) } : {}),
    team: state.teamId,
    channel: state.channel,
    queue: state.queue,
    period: state.preset,
    from: state.from,
    to: state.to,
    compare: state.compare ? '1' : undefined,
    cols: state.metrics?.join(','),
    sort: state.sort === DEFAULT_SORT ? undefined : state.sort,
    dir: state.sort === DEFAULT_SORT ? undefined : state.descending ? 'desc' : 'asc',
  };
}

/** teams.overview's input for a state: the page's query and the route's prefetch ask the same. */
export function overviewInput(state: OverviewState) {
  return {
    teamId: state.teamId,
    channel: state.channel,
    queue: state.queue,
    from: state.from,
    to: state.to,
    preset: state.preset,
    metrics: state.metrics,
    compare: state.compare || undefined,
  };
}

/** What a saved view stores (views.save's `state`): the filters and columns, the sort and its direction. */
export interface SavedViewState {
  teamId?: string | undefined;
  channel?: Channel | undefined;
  queue?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  preset?: PeriodPreset | undefined;
  compare?: boolean | undefined;
  metrics?: MetricId[] | undefined;
  sort?: string | undefined;
  descending?: boolean | undefined;
}

export function viewStateOf(state: OverviewState): SavedViewState {
  const { compare, metrics, sort, descending } = state;
  return {
    ...overviewInput(state),
    compare: compare || undefined,
    metrics,
    sort: sort === DEFAULT_SORT ? undefined : sort,
    descending: sort === DEFAULT_SORT ? undefined : descending,
  };
}

/** A saved view's state back as the page's state (the server checked it when it was saved). */
export function stateOfView(saved: SavedViewState, viewId: number): OverviewState {
  return {
    ...saved,
    compare: saved.compare === true,
    sort: saved.sort ?? DEFAULT_SORT,
    descending: saved.descending ?? true,
    viewId,
  };
}
