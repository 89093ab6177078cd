import { addDays, type DayRange, mondayOf, periodValues, todayIn } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type AgentTotals, agentTotals } from '../rollups/rollups.repository.ts';
import { type AgentWeek, buildDigest, DIGEST_RULES, type DigestRules } from './digest.ts';
import { notify } from './notify.ts';

/** The last full week (Monday to Sunday) before `now` on the organisation's clocks, and the one before. */
export function digestWeeks(timeZone: string, now: Date): { week: DayRange; previousWeek: DayRange } {
  const monday = mondayOf(todayIn(timeZone, now));
  return {
    week: { from: addDays(monday, -7), to: addDays(monday, -1) },
    previousWeek: { from: addDays(monday, -14), to: addDays(monday, -8) },
  };
}

/**
 * Every supervisor's digest of their team for the last full week, in every organisation. The job
 * queue runs it on Monday mornings; a second run for the same week sends nothing (notify.ts keeps
 * each supervisor's digest of a week once).
 */
export async function runWeeklyDigest(
  db: Kysely<Database>,
  now: Date,
  rules: DigestRules = DIGEST_RULES,
): Promise<{ sent: number }> {
  let sent = 0;
  const organisations = await db.selectFrom('organisations').select(['id', 'time_zone']).execute();
  for (const organisation of organisations) {
    const weeks = digestWeeks(organisation.time_zone, now);
    const supervisors = await db
      .selectFrom('users as u')
      .innerJoin('teams as t', (j) =>
        j.onRef('t.organisation_id', '=', 'u.organisation_id').onRef('t.id', '=', 'u.team_id'),
      )
      .select(['u.id', 't.id as team_id', 't.name as team_name'])
      .where('u.organisation_id', '=', organisation.id)
      .where('u.role', '=', 'supervisor')
      .where('u.removed_at', 'is', null)
      .orderBy('t.id')
      .orderBy('u.id')
      .execute();
    const teams = new Map<string, { name: string; userIds: number[] }>();
    for (const s of supervisors) {
      const team = teams.get(s.team_id) ?? { name: s.team_name, userIds: [] };
      team.userIds.push(s.id);
      teams.set(s.team_id, team);
    }
    for (const [teamId, team] of teams) {
      const digest = buildDigest(
        {
          teamId,
          teamName: team.name,
          ...weeks,
          agents: await teamWeeks(db, organisation.id, teamId, weeks),
          openDisputes: await openDisputes(db, organisation.id, teamId),
          openReviews: await openReviews(db, organisation.id, teamId),
        },
        rules,
      );
      for (const userId of team.userIds) {
        const notified = await notify(db, organisation.id, { kind: 'digest.weekly', userId, digest });
        if (notified.eventId) sent += 1;
      }
    }
  }
  return { sent };
}

async function teamWeeks(
  db: Kysely<Database>,
  organisationId: string,
  teamId: string,
  weeks: { week: DayRange; previousWeek: DayRange },
) {
  const [current, previous] = await Promise.all([
    agentTotals(db, { organisationId, teamId, ...weeks.week }),
    agentTotals(db, { organisationId, teamId, ...weeks.previousWeek }),
  ]);
  const before = new Map(previous.map((a) => [a.agentId, a]));
  return current.map((a) => ({
    agentId: a.agentId,
    agentName: a.agentName,
    week: agentWeek(a),
    previous: agentWeek(before.get(a.agentId)),
  }));
}

function agentWeek(totals: AgentTotals | undefined): AgentWeek {
  if (!totals) return { conversations: 0, values: {} };
  return { conversations: totals.totals.conversations, values: periodValues(totals.totals) };
}

/** Open disputes of the agents now in the team (the team that decides them, auth/scope.ts). */
async function openDisputes(db: Kysely<Database>, organisationId: string, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('disputes as d')
    .innerJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'd.organisation_id').onRef('a.id', '=', 'd.agent_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.organisation_id', '=', organisationId)
    .where('a.team_id', '=', teamId)
    .where('d.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Conversations the team's assignment plans still wait to have reviewed. */
async function openReviews(db: Kysely<Database>, organisationId: string, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('review_assignment_items as i')
    .innerJoin('review_assignments as p', (j) =>
      j.onRef('p.organisation_id', '=', 'i.organisation_id').onRef('p.id', '=', 'i.assignment_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.organisation_id', '=', organisationId)
    .where('p.team_id', '=', teamId)
    .where('i.review_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
