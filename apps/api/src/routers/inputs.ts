import { CHANNELS, METRIC_IDS, type MetricId } from '@rapport/metrics';
import { z } from 'zod';
import { Day } from '../period.ts';

/**
 * Reusable input fragments. Without dates a period is the 30 days ending on the latest day with data
 * (requestPeriod in period.ts).
 */

/** One of the log format's channels (a filter, or the one channel a view is read for). */
export const ChannelInput = z.enum(CHANNELS);

export const PeriodInput = z.object({ from: Day.optional(), to: Day.optional() });
export const MetricIdInput = z.enum(METRIC_IDS as [MetricId, ...MetricId[]]);
