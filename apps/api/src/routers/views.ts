import { METRIC_IDS } from '@rapport/metrics';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { teamScope } from '../auth/scope.ts';
import { Text } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';
import {
  DuplicateViewNameError,
  listViews,
  removeView,
  saveView,
  TooManyViewsError,
  viewById,
} from '../views/saved-views.repository.ts';
import { PRESET_OR_DATES, presetOrDates, TeamOverviewFilters } from './teams.ts';

const SORT_KEY = /^(attention|agent|conversations|review|([a-zA-Z0-9]+)(:voice|:chat|:email)?)$/;

/** How the overview's rows are ordered: the ranking, a name, a count, or a column (a metric, per channel). */
export const OverviewSort = Text(80).refine((key) => {
  const match = SORT_KEY.exec(key);
  if (!match) return false;
  return match[2] === undefined || (METRIC_IDS as readonly string[]).includes(match[2]);
}, 'expected attention, agent, conversations, review or a column such as responseTimeMs:chat');

/** Everything an overview shows that a saved view restores: its filters, period, columns and sort. */
export const OverviewViewState = TeamOverviewFilters.extend({
  sort: OverviewSort.optional(),
  descending: z.boolean().optional(),
})
  .strict()
  .refine(presetOrDates, PRESET_OR_DATES);

const ViewId = z.number().int().positive().max(2_147_483_647);
const ViewName = Text(80)
  .trim()
  .min(1, 'give the view a name')
  .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 0x20), 'must not contain control characters');

export const SaveViewInput = z.object({
  /** Replaces the caller's own view with this id; without it a new view is made. */
  id: ViewId.optional(),
  name: ViewName,
  /** Shared views are listed for everyone in the organisation who may open an overview. */
  shared: z.boolean().default(false),
  state: OverviewViewState,
});

/** Who saves and opens overview views: those who may open the overview. */
const viewProcedure = procedureFor('supervisor', 'hr', 'admin');

/**
 * A supervisor opens overviews of their own team only: a view of another team is refused when saved
 * and not offered when shared, so no link leads them to a refusal.
 */
function opensFor(viewer: { role: string; teamId: string | null }, state: unknown): boolean {
  const teamId = (state as { teamId?: string } | null)?.teamId;
  return viewer.role !== 'supervisor' || teamId === undefined || teamId === viewer.teamId;
}

/**
 * A stored state as the client reads it: checked again on the way out, so that a view saved before a
 * rule changed opens as the default overview rather than as an input the overview refuses.
 */
function storedState(state: unknown): z.infer<typeof OverviewViewState> {
  const parsed = OverviewViewState.safeParse(state);
  return parsed.success ? parsed.data : {};
}

const notFound = (id: number) =>
  new TRPCError({ code: 'NOT_FOUND', message: `No saved view with id ${id}.` });

export const viewsRouter = router({
  /** The caller's own overview views and those shared with the organisation that they may open. */
  list: viewProcedure.query(async ({ ctx }) => {
    const views = await listViews(ctx.db, ctx.organisationId, ctx.user.id, 'overview');
    return views
      .filter((v) => opensFor(ctx.user, v.state))
      .map(({ ownerId, state, ...view }) => ({
        ...view,
        state: storedState(state),
        mine: ownerId === ctx.user.id,
      }));
  }),

  /** One view to reopen, if it is the caller's or shared (and opens for them). */
  byId: viewProcedure.input(z.object({ id: ViewId })).query(async ({ ctx, input }) => {
    const view = await viewById(ctx.db, ctx.organisationId, ctx.user.id, input.id);
    if (!view || !opensFor(ctx.user, view.state)) throw notFound(input.id);
    const { ownerId, state, ...rest } = view;
    return { ...rest, state: storedState(state), mine: ownerId === ctx.user.id };
  }),

  /** Saves (or replaces) one of the caller's views; the state is checked as the overview checks it. */
  save: viewProcedure.input(SaveViewInput).mutation(async ({ ctx, input }) => {
    teamScope(ctx.user, input.state.teamId);
    try {
      const saved = await saveView(ctx.db, ctx.organisationId, ctx.user.id, { ...input, page: 'overview' });
      if (!saved) throw notFound(input.id as number);
      return saved;
    } catch (error) {
      if (error instanceof DuplicateViewNameError)
        throw new TRPCError({ code: 'CONFLICT', message: error.message });
      if (error instanceof TooManyViewsError)
        throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
      throw error;
    }
  }),

  /** Deletes one of the caller's views; admins may delete anyone's. */
  remove: viewProcedure.input(z.object({ id: ViewId })).mutation(async ({ ctx, input }) => {
    const removed = await removeView(
      ctx.db,
      ctx.organisationId,
      { id: ctx.user.id, anyOwner: ctx.user.role === 'admin' },
      input.id,
    );
    if (!removed) throw notFound(input.id);
    return { removed: true };
  }),
});
