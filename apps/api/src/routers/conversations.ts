import { z } from 'zod';
import { SEARCH_SORTS } from '../conversations/conversations.repository.ts';
import { readSearch } from '../conversations/search.service.ts';
import { readTranscript } from '../conversations/transcript.service.ts';
import { cachedRead } from '../read-cache/cached-read.ts';
import { Id, Text } from '../text-input.ts';
import { authedProcedure, procedureFor, router } from '../trpc.ts';
import { ChannelInput, MetricIdInput, PeriodInput } from './inputs.ts';

/** What a search asks for before paging: its filters and sort, which a saved search view stores too. */
export const ConversationSearchFilters = PeriodInput.extend({
  agentId: Id.optional(),
  teamId: Id.optional(),
  channel: ChannelInput.optional(),
  metric: MetricIdInput.optional(),
  /** With a metric: only the conversations where it flagged the agent. */
  flagged: z.boolean().optional(),
  text: Text(200).trim().min(2, 'Search for at least 2 characters.').optional(),
  sort: z.enum(SEARCH_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

type SearchRules = Pick<z.infer<typeof ConversationSearchFilters>, 'sort' | 'metric' | 'flagged'>;

/** The rules between a search's fields, for the search itself and for a saved search view alike. */
export function withSearchRules<T extends z.ZodType<SearchRules>>(schema: T): T {
  return schema
    .refine((input) => input.sort !== 'value' || input.metric !== undefined, {
      message: 'Sorting by value needs a metric: choose one.',
      path: ['sort'],
    })
    .refine((input) => !input.flagged || input.metric !== undefined, {
      message: 'Only flagged conversations needs a metric: choose one.',
      path: ['flagged'],
    });
}

export const ConversationSearchInput = withSearchRules(
  ConversationSearchFilters.extend({
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  }),
);

export const conversationsRouter = router({
  /** Transcript, events, survey and the evidence spans to highlight. HR sees no transcripts. */
  byId: authedProcedure
    .input(z.object({ id: Id }))
    .query(cachedRead(({ ctx, input }) => readTranscript(ctx.db, ctx.user, input.id))),

  /**
   * By agent, period, channel, metric and text, sorted by any column; scoped to what the caller may
   * read. With a metric: the conversations behind its value, each with its own, worst first.
   */
  search: procedureFor('agent', 'supervisor', 'admin')
    .input(ConversationSearchInput)
    .query(cachedRead(({ ctx, input }) => readSearch(ctx.db, ctx.user, input))),
});
