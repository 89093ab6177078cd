import { describe, expect, test } from 'vitest';
import {
  overviewInput,
  overviewSearch,
  readOverviewState,
  stateOfView,
  viewStateOf,
} from './overview-state.ts';

describe('the overview state in the URL', () => {
  test('reads every filter, the columns in order and the sort', () => {
    const state = readOverviewState(
      new URLSearchParams(
        'team=billing&channel=chat&period=last7&compare=1&cols=csat,nonTalkTimeShare,csat,loudness&sort=csat&dir=asc&view=3',
      ),
    );
    expect(state).toEqual({
      teamId: 'billing',
      channel: 'chat',
      queue: undefined,
      from: undefined,
      to: undefined,
      preset: 'last7',
      compare: true,
      // Unknown ids are dropped, repeats kept once, the order as given.
      metrics: ['csat', 'nonTalkTimeShare'],
      sort: 'csat',
      descending: false,
      viewId: 3,
    });
  });

  test('defaults: the ranking, no comparison, the server’s columns; a preset beats dates', () => {
    expect(
      readOverviewState(new URLSearchParams('from=2026-11-01&period=lastWeek&channel=fax')),
    ).toMatchObject({
      from: undefined,
      preset: 'lastWeek',
      channel: undefined,
      compare: false,
      metrics: undefined,
      sort: 'attention',
      descending: true,
      viewId: undefined,
    });
  });

  test('round trip through the query string and through a saved view', () => {
    const search = new URLSearchParams(
      'team=billing&from=2026-11-01&to=2026-11-30&cols=csat&sort=agent&dir=asc',
    );
    const state = readOverviewState(search);
    const query = new URLSearchParams(
      Object.entries(overviewSearch(state)).filter((e): e is [string, string] => e[1] !== undefined),
    );
    expect(readOverviewState(query)).toEqual(state);
    expect(stateOfView(viewStateOf(state), 9)).toEqual({ ...state, viewId: 9 });
    expect(overviewInput(state)).toEqual({
      teamId: 'billing',
      channel: undefined,
      queue: undefined,
      from: '2026-11-01',
      to: '2026-11-30',
      preset: undefined,
      metrics: ['csat'],
      compare: undefined,
    });
  });
});
