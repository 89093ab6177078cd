import type { AppRouter } from '@rapport/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** What the API returns and accepts, inferred from its router: no hand-written copies of its types. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Me = NonNullable<RouterOutputs['auth']['me']>;
export type Role = Me['role'];
export type Scorecard = RouterOutputs['agents']['scorecard'];
export type ScorecardMetric = Scorecard['metrics'][number];
export type MetricId = ScorecardMetric['id'];
export type MetricUnit = ScorecardMetric['unit'];
export type MetricGroup = ScorecardMetric['group'];
export type Opportunity = RouterOutputs['agents']['opportunities']['opportunities'][number];
export type ConversationDetail = RouterOutputs['conversations']['byId'];
