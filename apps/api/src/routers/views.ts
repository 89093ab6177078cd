import { METRIC_IDS } from '@rapport/metrics';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Text } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';
import {
  DuplicateViewNameError,
  listViews,
  removeView,
  type SavedView,
  saveView,
  TooManyViewsError,
  VIEW_KINDS,
  type ViewKind,
  viewById,
} from '../views/saved-views.repository.ts';
import { ANY_VIEW_ROLES, assertMayUseViews, assertViewInScope, viewOpensFor } from '../views/view-access.ts';
import { ConversationSearchFilters, withSearchRules } from './conversations.ts';
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

/**
 * Everything a search shows that a saved view restores: the search's own input, its filters and sort,
 * without the page (a view reopens at the first).
 */
export const SearchViewState = withSearchRules(ConversationSearchFilters.strict());

type OverviewViewState = z.infer<typeof OverviewViewState>;
type SearchViewState = z.infer<typeof SearchViewState>;

const ViewId = z.number().int().positive().max(2_147_483_647);
const ViewName = Text(80)
  .trim()
  .min(1, 'give the view a name')
  .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 0x20), 'must not contain control characters');
const ViewKindInput = z.enum(VIEW_KINDS);

const ViewFields = {
  /** Replaces the caller's own view of this kind with this id; without it a new view is made. */
  id: ViewId.optional(),
  name: ViewName,
  /** Shared views are listed for everyone in the organisation who may open the view's page. */
  shared: z.boolean().default(false),
};

/** A view of the team overview or of conversation search, its state checked as that page checks it. */
export const SaveViewInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overview'), ...ViewFields, state: OverviewViewState }),
  z.object({ kind: z.literal('search'), ...ViewFields, state: SearchViewState }),
]);

/** A view's kind with its state, which the client narrows on `kind`. */
type StoredState =
  | { kind: 'overview'; state: OverviewViewState }
  | { kind: 'search'; state: SearchViewState };

/**
 * A stored state as the client reads it: checked again on the way out, so that a view saved before a
 * rule changed opens as the page's default rather than as an input the page refuses.
 */
function storedState(kind: ViewKind, state: unknown): StoredState {
  if (kind === 'search') {
    const parsed = SearchViewState.safeParse(state);
    return { kind, state: parsed.success ? parsed.data : {} };
  }
  const parsed = OverviewViewState.safeParse(state);
  return { kind, state: parsed.success ? parsed.data : {} };
}

function clientView({ ownerId, kind, state, ...view }: SavedView, viewerId: number) {
  return { ...view, ...storedState(kind, state), mine: ownerId === viewerId };
}

const notFound = (id: number) =>
  new TRPCError({ code: 'NOT_FOUND', message: `No saved view with id ${id}.` });

/** Signed in with a role that keeps some kind of view; each procedure checks the kind it is asked for. */
const viewProcedure = procedureFor(...ANY_VIEW_ROLES);

export const viewsRouter = router({
  /** The caller's own views of one kind and those shared with the organisation that open for them. */
  list: viewProcedure.input(z.object({ kind: ViewKindInput })).query(async ({ ctx, input }) => {
    assertMayUseViews(ctx.user, input.kind);
    const views = await listViews(ctx.db, ctx.organisationId, ctx.user.id, input.kind);
    const opens = await Promise.all(views.map((view) => viewOpensFor(ctx.db, ctx.user, view)));
    return views.filter((_, i) => opens[i]).map((view) => clientView(view, ctx.user.id));
  }),

  /** One view of the kind asked for to reopen, if it is the caller's or shared (and opens for them). */
  byId: viewProcedure.input(z.object({ kind: ViewKindInput, id: ViewId })).query(async ({ ctx, input }) => {
    assertMayUseViews(ctx.user, input.kind);
    const view = await viewById(ctx.db, ctx.organisationId, ctx.user.id, input.kind, input.id);
    if (!view || !(await viewOpensFor(ctx.db, ctx.user, view))) throw notFound(input.id);
    return clientView(view, ctx.user.id);
  }),

  /** Saves (or replaces) one of the caller's views; the state is checked as its page checks it. */
  save: viewProcedure.input(SaveViewInput).mutation(async ({ ctx, input }) => {
    assertMayUseViews(ctx.user, input.kind);
    await assertViewInScope(ctx.db, ctx.user, input);
    try {
      const saved = await saveView(ctx.db, ctx.organisationId, ctx.user.id, input);
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

  /** Deletes one of the caller's views, of any kind; admins may delete anyone's. */
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
