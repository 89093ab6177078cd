import { DEMO_DEFAULTS } from '@rapport/demo/generate.ts';
import type { DemoRoster } from '@rapport/demo/roster.ts';
import type { DayRange, MetricId } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { acknowledgeSession, insertSession } from '../coaching/sessions.repository.ts';
import type { Database } from '../db/database.ts';
import { decideAndRescore } from '../disputes/decide.service.ts';
import { disputeById, insertDispute } from '../disputes/disputes.repository.ts';
import { notify, settle } from '../notifications/notify.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { type CandidateFlag, chooseFlags, DECISION_NOTES, DISPUTE_COMMENTS, planStory } from './story.ts';

/** Flags read per team to choose from: enough for its disputes with distinct conversations. */
const CANDIDATES_PER_TEAM = 20;

export interface StorySummary {
  sessions: number;
  disputes: number;
}

/** The demo generator's period as inclusive days (the generator's end is exclusive). */
export function demoPeriod(): DayRange {
  const end = new Date(DEMO_DEFAULTS.end);
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - DEMO_DEFAULTS.months);
  const last = new Date(end.getTime() - 24 * 60 * 60 * 1000);
  return { from: start.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/**
 * Stores the demo's coaching sessions and disputes, through the same repositories and decision path
 * as the app. Once per organisation: where any session or dispute exists (a second load, or someone
 * already used the demo) it writes nothing, so loading twice never doubles the story.
 */
export async function writeStory(
  db: Kysely<Database>,
  organisationId: string,
  roster: DemoRoster,
): Promise<StorySummary> {
  const none = { sessions: 0, disputes: 0 };
  const existing = await db
    .selectFrom('coaching_sessions')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .unionAll(db.selectFrom('disputes').select('id').where('organisation_id', '=', organisationId))
    .limit(1)
    .executeTakeFirst();
  if (existing) return none;

  const plan = planStory(roster, demoPeriod());
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'agent_id'])
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null)
    .execute();
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const byAgent = new Map(users.filter((u) => u.agent_id).map((u) => [u.agent_id as string, u]));

  let sessions = 0;
  for (const planned of plan.sessions) {
    const supervisor = byEmail.get(planned.supervisorEmail);
    if (!supervisor) continue;
    const agentUser = byAgent.get(planned.agentId);
    // As coaching.create and coaching.acknowledge do: the reminder commits with the session, and an
    // acknowledged session has it settled.
    await db.transaction().execute(async (trx) => {
      const id = await insertSession(trx, organisationId, {
        agentId: planned.agentId,
        createdBy: supervisor.id,
        focusMetrics: planned.focusMetrics,
        note: planned.note,
        sessionDate: planned.sessionDate,
      });
      await notify(trx, organisationId, {
        kind: 'coaching.acknowledge',
        sessionId: id,
        agentId: planned.agentId,
        sessionDate: planned.sessionDate,
        focusMetrics: planned.focusMetrics,
      });
      if (planned.acknowledged && agentUser) {
        await acknowledgeSession(trx, organisationId, id);
        await settle(trx, organisationId, 'coaching.acknowledge', `coaching:${id}`);
      }
      await bumpDataVersion(trx, organisationId);
    });
    sessions += 1;
  }

  const candidates = await candidateFlags(
    db,
    organisationId,
    roster.teams.map((t) => t.id),
  );
  let disputes = 0;
  for (const { dispute, flag, comment } of chooseFlags(plan.disputes, candidates)) {
    const agentUser = byAgent.get(flag.agentId);
    const supervisor = byEmail.get(dispute.supervisorEmail);
    if (!agentUser || !supervisor) continue;
    const id = await insertDispute(
      db,
      organisationId,
      {
        conversationId: flag.conversationId,
        agentId: flag.agentId,
        flag,
        comment,
        createdBy: agentUser.id,
      },
      (trx, disputeId) =>
        notify(trx, organisationId, {
          kind: 'dispute.decide',
          disputeId,
          agentId: flag.agentId,
          conversationId: flag.conversationId,
          metric: flag.metric,
        }),
    );
    if (id === null) continue;
    disputes += 1;
    if (dispute.decision === 'open') continue;
    const stored = await disputeById(db, organisationId, id);
    if (!stored) continue;
    await decideAndRescore(
      db,
      { id: supervisor.id, email: supervisor.email, organisationId },
      stored,
      dispute.decision,
      DECISION_NOTES[dispute.decision],
    );
  }
  return { sessions, disputes };
}

/** The first contestable flags of each team's agents, by conversation: the same on every load of a seed. */
async function candidateFlags(
  db: Kysely<Database>,
  organisationId: string,
  teamIds: readonly string[],
): Promise<CandidateFlag[]> {
  const metrics = Object.keys(DISPUTE_COMMENTS);
  const out: CandidateFlag[] = [];
  for (const teamId of teamIds) {
    const rows = await db
      .selectFrom('evidence as e')
      .innerJoin('conversations as c', (j) =>
        j.onRef('c.organisation_id', '=', 'e.organisation_id').onRef('c.id', '=', 'e.conversation_id'),
      )
      .innerJoin('agents as a', (j) =>
        j.onRef('a.organisation_id', '=', 'c.organisation_id').onRef('a.id', '=', 'c.agent_id'),
      )
      .select([
        'e.conversation_id',
        'c.agent_id',
        'e.metric',
        'e.turn_index',
        'e.span_start',
        'e.span_end',
        'e.text',
      ])
      .where('e.organisation_id', '=', organisationId)
      .where('a.team_id', '=', teamId)
      .where('e.kind', '=', 'flag')
      .where('e.metric', 'in', metrics)
      .orderBy('e.conversation_id')
      .orderBy('e.idx')
      .limit(CANDIDATES_PER_TEAM)
      .execute();
    for (const r of rows) {
      out.push({
        conversationId: r.conversation_id,
        agentId: r.agent_id,
        teamId,
        metric: r.metric as MetricId,
        turnIndex: r.turn_index,
        start: r.span_start,
        end: r.span_end,
        text: r.text,
      });
    }
  }
  return out;
}
