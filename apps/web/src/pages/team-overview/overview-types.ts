import type { RouterOutputs } from '../../lib/api-types.ts';

/** teams.overview as the browser receives it. */
export type Overview = RouterOutputs['teams']['overview'];
export type OverviewAgent = Overview['agents'][number];
export type OverviewColumn = Overview['columns'][number];
export type OverviewCell = OverviewAgent['cells'][string];
export type OverviewOpportunity = OverviewAgent['opportunities'][number];
/** An agent's human-review numbers for the period. */
export type OverviewReview = Overview['reviews'][string];
