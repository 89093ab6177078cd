import { overviewInput, readOverviewState } from '../pages/team-overview/overview-state.ts';

/** Page inputs kept in the URL, read the same way by a page and by the prefetch that runs before it. */

/** teams.overview's input from the team overview's URL (pages/team-overview/overview-state.ts). */
export function overviewFilters(search: URLSearchParams) {
  return overviewInput(readOverviewState(search));
}
