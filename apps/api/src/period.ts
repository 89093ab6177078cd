import {
  type DayRange,
  dayProblem,
  type PeriodPreset,
  type PeriodResolution,
  periodProblem,
  presetPeriod,
  resolvePeriod,
  todayIn,
} from '@rapport/metrics';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from './db/database.ts';
import { organisationTimeZone } from './organisations/organisations.repository.ts';
import { latestDataDay } from './rollups/rollups.repository.ts';

/**
 * The calendar (@rapport/metrics/calendar) at the API's boundaries: its rules as zod schemas for every
 * input with days, and its one period resolver fed with what the organisation's data says.
 */

/** A calendar day, 'YYYY-MM-DD', that exists and lies in the accepted range. */
export const Day = z.string().superRefine((day, ctx) => {
  const problem = dayProblem(day, new Date());
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The rules of a period of valid days, for every input that has `from` and `to`. */
export function checkPeriod(period: DayRange, ctx: z.RefinementCtx): void {
  const problem = periodProblem(period);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
}

export const DayRangeInput = z.object({ from: Day, to: Day }).superRefine(checkPeriod);

/**
 * The period the dashboard's reads and the CLI's commands mean (resolvePeriod): the latest day with
 * data and the organisation's time zone are read only when `to` is missing.
 */
export async function organisationPeriod(
  db: Kysely<Database>,
  organisationId: string,
  ends: { from?: string | undefined; to?: string | undefined },
): Promise<PeriodResolution> {
  const now = new Date();
  if (ends.to !== undefined) return resolvePeriod(ends, { now, latestDataDay: null, timeZone: 'UTC' });
  const latest = await latestDataDay(db, organisationId);
  const timeZone = latest === null ? await organisationTimeZone(db, organisationId) : 'UTC';
  return resolvePeriod(ends, { now, latestDataDay: latest, timeZone });
}

/** A preset's days on the organisation's clocks: "this week" starts on its Monday, not the server's. */
export async function organisationPresetPeriod(
  db: Kysely<Database>,
  organisationId: string,
  preset: PeriodPreset,
  now: Date = new Date(),
): Promise<DayRange> {
  return presetPeriod(preset, todayIn(await organisationTimeZone(db, organisationId), now));
}

/** What a read asks for: a preset, or dates (either end may be missing). */
export interface PeriodRequest {
  preset?: PeriodPreset | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The period of a dashboard read, resolved once by the read's service: a preset on the organisation's
 * clocks, or organisationPeriod's days; a period the calendar rejects is the caller's mistake.
 */
export async function requestPeriod(
  db: Kysely<Database>,
  organisationId: string,
  request: PeriodRequest,
): Promise<DayRange> {
  if (request.preset) return organisationPresetPeriod(db, organisationId, request.preset);
  const resolved = await organisationPeriod(db, organisationId, request);
  if (!resolved.ok) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: resolved.problems[0]?.message ?? 'Invalid period.' });
  }
  return resolved.period;
}
