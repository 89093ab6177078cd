import { METRIC_IDS, PERIOD_PRESETS } from '@rapport/metrics';
import { z } from 'zod';
import { Day } from '../period.ts';
import { cachedRead } from '../read-cache/cached-read.ts';
import { teamTotalsOf } from '../read-cache/shared-totals.ts';
import { teamOverview } from '../teams/team-overview.ts';
import { Id } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';
import { ChannelInput, MetricIdInput } from './inputs.ts';

export const PeriodPresetInput = z.enum(PERIOD_PRESETS);

/** The overview's filters and columns, which a saved view stores too. */
export const TeamOverviewFilters = z.object({
  from: Day.optional(),
  to: Day.optional(),
  /** "Last 7 days", "this month", … on the organisation's clocks; instead of from and to. */
  preset: PeriodPresetInput.optional(),
  teamId: Id.optional(),
  channel: ChannelInput.optional(),
  queue: Id.optional(),
  /** The metrics shown as columns; every registry metric may be chosen, each once. */
  metrics: z
    .array(MetricIdInput)
    .min(1, 'choose at least one metric')
    .max(METRIC_IDS.length)
    .refine((ids) => new Set(ids).size === ids.length, 'each metric at most once')
    .optional(),
  /** Set each value beside the previous period's, with a noise test. */
  compare: z.boolean().optional(),
});

export function presetOrDates(input: { preset?: unknown; from?: unknown; to?: unknown }): boolean {
  return input.preset === undefined || (input.from === undefined && input.to === undefined);
}
export const PRESET_OR_DATES = { message: 'choose a preset or dates, not both', path: ['preset'] };

export const TeamOverviewInput = TeamOverviewFilters.refine(presetOrDates, PRESET_OR_DATES);

export const teamsRouter = router({
  /**
   * One row per agent for a period: their top coaching opportunities and the chosen metrics (durations
   * per channel), each with n, weekly values, target status and, on request, the change from the
   * previous period; ranked by need of attention. Filters: team, channel, queue. A supervisor sees
   * (and is offered) only their team. `reviews` holds each listed agent's human-review numbers for the
   * period, by agent id.
   */
  overview: procedureFor('supervisor', 'hr', 'admin')
    .input(TeamOverviewInput)
    .query(
      cachedRead(async ({ ctx, input }) =>
        teamOverview(ctx.db, ctx.user, ctx.organisationId, input, await teamTotalsOf(ctx)),
      ),
    ),
});
