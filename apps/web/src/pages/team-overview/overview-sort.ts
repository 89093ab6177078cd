import type { SortKey } from './overview-state.ts';
import type { OverviewAgent, OverviewReview } from './overview-types.ts';

/**
 * The rows in the order asked for ('review': the mean human-review score). 'attention' keeps the server's ranking (ties by name). Any other key
 * sorts by that value; agents without one ("no data") come last whichever the direction, so an empty
 * cell never passes for the best or the worst.
 */
export function sortAgents(
  agents: readonly OverviewAgent[],
  sort: SortKey,
  descending: boolean,
  reviews: Readonly<Record<string, OverviewReview>> = {},
): OverviewAgent[] {
  if (sort === 'attention') return [...agents];
  const value = (a: OverviewAgent): string | number | null =>
    sort === 'agent'
      ? (a.agentName ?? a.agentId)
      : sort === 'conversations'
        ? a.conversations
        : sort === 'review'
          ? (reviews[a.agentId]?.meanScore ?? null)
          : (a.cells[sort]?.value ?? null);
  return [...agents].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return descending ? -order : order;
  });
}
