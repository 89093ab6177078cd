import { z } from 'zod';

/** A hundred years: longer is a typo, and "keep for ever" is `null`. */
export const MAX_RETENTION_DAYS = 36_500;

/** Days to keep transcripts after a conversation started; `null` keeps them for ever. */
export const RetentionDays = z
  .number({ error: 'expected a whole number of days, or null to keep transcripts for ever' })
  .int('expected a whole number of days')
  .min(1, 'keep transcripts at least 1 day (or send null to keep them for ever)')
  .max(MAX_RETENTION_DAYS, `at most ${MAX_RETENTION_DAYS.toLocaleString('en')} days (100 years)`)
  .nullable();

const DAY_MS = 86_400_000;

/**
 * Conversations that started before this instant lose their transcript. Counted in whole 24-hour
 * days back from `now`, not in calendar days of a time zone: a transcript is kept at least N × 24 h.
 */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
