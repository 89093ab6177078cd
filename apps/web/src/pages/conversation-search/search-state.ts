import { CHANNELS, type Channel, METRIC_IDS, type MetricId } from '@rapport/metrics/catalog';
import type { RouterInputs } from '../../lib/api-types.ts';
import type { SortKey, SortOrder } from './results-table.tsx';

/**
 * Everything the search shows lives in the URL (`?agent=&team=&from=&to=&channel=&metric=&flagged=1
 * &q=&sort=&order=&page=`, `agent`, `metric`, the dates and `channel` what every number links to), so a link, the back button and a
 * saved view (`?view=ID`) all reopen the same results.
 */

const SORTS: readonly SortKey[] = ['started', 'agent', 'channel', 'customer', 'csat', 'flags', 'value'];

export interface SearchState {
  agent?: string | undefined;
  team?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  channel?: Channel | undefined;
  metric?: MetricId | undefined;
  /** With a metric: only the conversations where it flagged the agent. */
  flagged?: '1' | undefined;
  /** The text as typed; searched once it has 2 characters (searchedText). */
  q?: string | undefined;
  /** Unset: the server's default (the metric's value worst first, or the newest first). */
  sort?: SortKey | undefined;
  order?: SortOrder | undefined;
  page: number;
  /** The saved view this state was opened from. */
  viewId?: number | undefined;
}

/** What views.save stores for a search: the search's own input without its page. */
export type SearchViewState = Extract<RouterInputs['views']['save'], { kind: 'search' }>['state'];

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

export function readSearchState(search: URLSearchParams): SearchState {
  const metric = oneOf(METRIC_IDS, search.get('metric'));
  const sort = oneOf(SORTS, search.get('sort'));
  const view = Number(search.get('view'));
  return {
    agent: search.get('agent') || undefined,
    team: search.get('team') || undefined,
    from: search.get('from') || undefined,
    to: search.get('to') || undefined,
    channel: oneOf(CHANNELS, search.get('channel')),
    metric,
    flagged: search.get('flagged') === '1' ? '1' : undefined,
    q: search.get('q') ?? undefined,
    // A sort by value without a metric (an edited URL) falls back to the default order.
    sort: sort === 'value' && !metric ? undefined : sort,
    order: oneOf(['asc', 'desc'] as const, search.get('order')),
    page: Math.max(1, Math.floor(Number(search.get('page'))) || 1),
    viewId: Number.isInteger(view) && view > 0 ? view : undefined,
  };
}

/** The query string of a state (without the saved view unless `withView`; the first page unsaid). */
export function searchQuery(state: SearchState, withView = false): Record<string, string | undefined> {
  return {
    ...(withView && state.viewId ? { view: String(state.viewId) } : {}),
    agent: state.agent,
    team: state.team,
    from: state.from,
    to: state.to,
    channel: state.channel,
    metric: state.metric,
    flagged: state.flagged,
    q: state.q,
    sort: state.sort,
    order: state.order,
    page: state.page > 1 ? String(state.page) : undefined,
  };
}

/** The text searched for: what was typed, trimmed, once it is long enough for the server. */
export function searchedText(state: SearchState): string | undefined {
  const text = state.q?.trim();
  return text && text.length >= 2 ? text : undefined;
}

/** The filters and sort of a state, as conversations.search takes them and a saved view stores them. */
export function viewStateOf(state: SearchState): SearchViewState {
  return {
    agentId: state.agent,
    teamId: state.team,
    from: state.from,
    to: state.to,
    channel: state.channel,
    metric: state.metric,
    flagged: state.metric && state.flagged ? true : undefined,
    text: searchedText(state),
    sort: state.sort,
    order: state.order,
  };
}

/** conversations.search's input for one page of a state. */
export function searchInput(state: SearchState, pageSize: number) {
  return { ...viewStateOf(state), limit: pageSize, offset: (state.page - 1) * pageSize };
}

/** A saved view's state back as the page's state, at its first page. */
export function stateOfView(saved: SearchViewState, viewId: number): SearchState {
  return {
    agent: saved.agentId,
    team: saved.teamId,
    from: saved.from,
    to: saved.to,
    channel: saved.channel,
    metric: saved.metric,
    flagged: saved.flagged ? '1' : undefined,
    q: saved.text,
    sort: saved.sort,
    order: saved.order,
    page: 1,
    viewId,
  };
}
