import { addDays, earlierDay } from '@rapport/metrics/calendar';
import type { MetricId } from '../../lib/api-types.ts';
import { withQuery } from '../../lib/router.ts';

export type { Channel } from '@rapport/metrics/catalog';

import type { Channel } from '@rapport/metrics/catalog';

/**
 * The conversations behind one number, as the search page reads its URL (the contract every page
 * links to): `/conversations?agent=…&metric=…&from=…&to=…&channel=…`.
 */
export function drillHref(drill: {
  agentId: string;
  metric: MetricId;
  from: string;
  to: string;
  channel?: Channel | null | undefined;
}): string {
  return withQuery('/conversations', {
    agent: drill.agentId,
    metric: drill.metric,
    from: drill.from,
    to: drill.to,
    channel: drill.channel ?? undefined,
  });
}

/** A week's trend point as a period: its Monday to its Sunday, cut at the period's end. */
export function weekOf(monday: string, periodTo: string): { from: string; to: string } {
  return { from: monday, to: earlierDay(addDays(monday, 6), periodTo) };
}
