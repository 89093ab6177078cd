import { describe, expect, test } from 'vitest';
import { readSearchState, searchInput, searchQuery, stateOfView, viewStateOf } from './search-state.ts';

const queryOf = (record: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined));

describe('the search state in the URL', () => {
  test('reads every filter, the sort, the page and the view', () => {
    const state = readSearchState(
      new URLSearchParams(
        'agent=a-1&team=billing&from=2026-11-01&to=2026-11-30&channel=chat&metric=thankRate&flagged=1&q=%20sorry%20&sort=value&order=asc&page=3&view=7',
      ),
    );
    expect(state).toEqual({
      agent: 'a-1',
      team: 'billing',
      from: '2026-11-01',
      to: '2026-11-30',
      channel: 'chat',
      metric: 'thankRate',
      flagged: '1',
      q: ' sorry ',
      sort: 'value',
      order: 'asc',
      page: 3,
      viewId: 7,
    });
  });

  test('unknown values are dropped; a sort by value needs a metric; the page is at least 1', () => {
    expect(
      readSearchState(new URLSearchParams('channel=fax&metric=loudness&sort=value&order=up&page=-2&view=x')),
    ).toEqual({
      agent: undefined,
      team: undefined,
      from: undefined,
      to: undefined,
      channel: undefined,
      metric: undefined,
      flagged: undefined,
      q: undefined,
      sort: undefined,
      order: undefined,
      page: 1,
      viewId: undefined,
    });
  });

  test('a saved view holds the filters and the sort, not the page, and reopens at the first page', () => {
    const state = readSearchState(
      new URLSearchParams('agent=a-1&metric=csat&flagged=1&q=%20refund%20&sort=csat&order=desc&page=2'),
    );
    // The text trimmed as searched; flagged as the boolean the search takes.
    expect(viewStateOf(state)).toEqual({
      agentId: 'a-1',
      teamId: undefined,
      from: undefined,
      to: undefined,
      channel: undefined,
      metric: 'csat',
      flagged: true,
      text: 'refund',
      sort: 'csat',
      order: 'desc',
    });
    expect(stateOfView(viewStateOf(state), 4)).toEqual({ ...state, q: 'refund', page: 1, viewId: 4 });
    // Page 2 of 25 rows starts at the 26th.
    expect(searchInput(state, 25)).toMatchObject({ limit: 25, offset: 25 });
  });

  test('one letter is not searched yet, and "only flagged" needs a metric', () => {
    expect(viewStateOf(readSearchState(new URLSearchParams('q=a&flagged=1')))).toMatchObject({
      text: undefined,
      flagged: undefined,
    });
  });

  test('round trip through the query string, with the view only when asked for', () => {
    const state = readSearchState(
      new URLSearchParams('team=orders&channel=email&q=late&sort=customer&order=asc&page=2&view=5'),
    );
    expect(readSearchState(queryOf(searchQuery(state, true)))).toEqual(state);
    expect(readSearchState(queryOf(searchQuery(state)))).toEqual({ ...state, viewId: undefined });
    // The first page is the URL without one.
    expect(searchQuery({ ...state, page: 1 }).page).toBeUndefined();
  });
});
