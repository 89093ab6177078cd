import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Assigned, Candidate } from './assignment-plan.ts';

export interface CandidateFilter {
  teamId: string;
  from: string;
  to: string;
  /** Only conversations whose survey gave a CSAT of 2 or less. */
  lowCsat: boolean;
  /** Only conversations the engine flagged for this metric (a flag or a missing behaviour). */
  flaggedMetric: string | null;
}

/** A survey at or under this CSAT is "low" (dissatisfied on the usual 1–5 scale). */
export const LOW_CSAT = 2;

/**
 * The conversations a plan may draw: of the team's agents (their current team, as every scope rule
 * reads it) in the period, matching the filters, neither reviewed nor waiting in a queue already.
 */
export async function candidateConversations(
  db: Kysely<Database>,
  organisationId: string,
  filter: CandidateFilter,
): Promise<Candidate[]> {
  let query = db
    .selectFrom('conversation_metrics as m')
    .innerJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'm.organisation_id').onRef('a.id', '=', 'm.agent_id'),
    )
    .select(['m.conversation_id', 'm.agent_id'])
    .where('m.organisation_id', '=', organisationId)
    .where('a.team_id', '=', filter.teamId)
    .where('m.day', '>=', filter.from)
    .where('m.day', '<=', filter.to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reviews as r')
            .select('r.id')
            .whereRef('r.organisation_id', '=', 'm.organisation_id')
            .whereRef('r.conversation_id', '=', 'm.conversation_id')
            .where('r.calibration_id', 'is', null),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('review_assignment_items as i')
            .select('i.assignment_id')
            .whereRef('i.organisation_id', '=', 'm.organisation_id')
            .whereRef('i.conversation_id', '=', 'm.conversation_id')
            .where('i.review_id', 'is', null),
        ),
      ),
    );
  if (filter.lowCsat) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('surveys as s')
          .select('s.conversation_id')
          .whereRef('s.organisation_id', '=', 'm.organisation_id')
          .whereRef('s.conversation_id', '=', 'm.conversation_id')
          .where('s.csat', '<=', LOW_CSAT),
      ),
    );
  }
  const metric = filter.flaggedMetric;
  if (metric) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('evidence as e')
          .select('e.idx')
          .whereRef('e.organisation_id', '=', 'm.organisation_id')
          .whereRef('e.conversation_id', '=', 'm.conversation_id')
          .where('e.metric', '=', metric)
          .where('e.kind', '<>', 'credit'),
      ),
    );
  }
  const rows = await query.orderBy('m.conversation_id').execute();
  return rows.map((r) => ({ conversationId: r.conversation_id, agentId: r.agent_id }));
}

/** The users who may review a team: admins, and the team's supervisors; removed users never. */
export async function eligibleReviewers(
  db: Kysely<Database>,
  organisationId: string,
  teamId: string,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .where('removed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('role', '=', 'admin'), eb.and([eb('role', '=', 'supervisor'), eb('team_id', '=', teamId)])]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Who may review a team's conversations, by email: its supervisors and every admin. */
export async function teamReviewers(
  db: Kysely<Database>,
  organisationId: string,
  teamId: string,
): Promise<{ id: number; email: string; role: 'supervisor' | 'admin' }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('role', '=', 'admin'), eb.and([eb('role', '=', 'supervisor'), eb('team_id', '=', teamId)])]),
    )
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role as 'supervisor' | 'admin' }));
}

export interface NewAssignment {
  teamId: string;
  from: string;
  to: string;
  rubricId: number;
  plan: unknown;
  createdBy: number;
  items: Assigned[];
}

/** Run it in a transaction: the plan and its items are written together. */
export async function insertAssignment(
  trx: Kysely<Database>,
  organisationId: string,
  assignment: NewAssignment,
): Promise<number> {
  const { id } = await trx
    .insertInto('review_assignments')
    .values({
      organisation_id: organisationId,
      team_id: assignment.teamId,
      period_from: assignment.from,
      period_to: assignment.to,
      rubric_id: assignment.rubricId,
      plan: JSON.stringify(assignment.plan),
      created_by: assignment.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (assignment.items.length > 0) {
    await trx
      .insertInto('review_assignment_items')
      .values(
        assignment.items.map((item) => ({
          organisation_id: organisationId,
          assignment_id: id,
          conversation_id: item.conversationId,
          agent_id: item.agentId,
          reviewer_id: item.reviewerId,
        })),
      )
      .execute();
  }
  return id;
}

export interface AssignmentSummary {
  id: number;
  teamId: string;
  from: string;
  to: string;
  rubricId: number;
  createdBy: string;
  createdAt: string;
  /** Per reviewer: how many assigned and how many reviewed. */
  reviewers: { reviewerId: number; reviewer: string; total: number; done: number }[];
  total: number;
  done: number;
}

/** Newest first, with each reviewer's progress; a team's only when asked. */
export async function listAssignments(
  db: Kysely<Database>,
  organisationId: string,
  filter: { teamId?: string | undefined; id?: number | undefined },
): Promise<AssignmentSummary[]> {
  let query = db
    .selectFrom('review_assignments as p')
    .innerJoin('users as author', 'author.id', 'p.created_by')
    .select([
      'p.id',
      'p.team_id',
      'p.period_from',
      'p.period_to',
      'p.rubric_id',
      'author.email',
      'p.created_at',
    ])
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc');
  if (filter.teamId) query = query.where('p.team_id', '=', filter.teamId);
  if (filter.id) query = query.where('p.id', '=', filter.id);
  const plans = await query.execute();
  if (plans.length === 0) return [];
  const { rows } = await sql<{
    assignment_id: number;
    reviewer_id: number;
    email: string;
    total: number;
    done: number;
  }>`
    SELECT i.assignment_id, i.reviewer_id, u.email, count(*)::int AS total, count(i.review_id)::int AS done
    FROM review_assignment_items i JOIN users u ON u.id = i.reviewer_id
    WHERE i.organisation_id = ${organisationId}
      AND i.assignment_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(plans.map((p) => p.id))}::jsonb)::int)
    GROUP BY i.assignment_id, i.reviewer_id, u.email
    ORDER BY i.reviewer_id`.execute(db);
  return plans.map((p) => {
    const reviewers = rows
      .filter((r) => r.assignment_id === p.id)
      .map((r) => ({
        reviewerId: r.reviewer_id,
        reviewer: r.email,
        total: Number(r.total),
        done: Number(r.done),
      }));
    return {
      id: p.id,
      teamId: p.team_id,
      from: p.period_from,
      to: p.period_to,
      rubricId: p.rubric_id,
      createdBy: p.email,
      createdAt: new Date(p.created_at).toISOString(),
      reviewers,
      total: reviewers.reduce((n, r) => n + r.total, 0),
      done: reviewers.reduce((n, r) => n + r.done, 0),
    };
  });
}

export interface QueueItem {
  assignmentId: number;
  rubricId: number;
  conversationId: string;
  agentId: string;
  agentName: string | null;
  startedAt: string;
  reviewId: number | null;
}

/** A reviewer's assigned conversations: to do first (oldest conversation first), then done. */
export async function reviewerQueue(
  db: Kysely<Database>,
  organisationId: string,
  reviewerId: number,
): Promise<QueueItem[]> {
  const rows = await db
    .selectFrom('review_assignment_items as i')
    .innerJoin('review_assignments as p', (j) =>
      j.onRef('p.organisation_id', '=', 'i.organisation_id').onRef('p.id', '=', 'i.assignment_id'),
    )
    .innerJoin('conversations as c', (j) =>
      j.onRef('c.organisation_id', '=', 'i.organisation_id').onRef('c.id', '=', 'i.conversation_id'),
    )
    .leftJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'i.organisation_id').onRef('a.id', '=', 'i.agent_id'),
    )
    .select([
      'i.assignment_id',
      'p.rubric_id',
      'i.conversation_id',
      'i.agent_id',
      'a.name',
      'c.started_at',
      'i.review_id',
    ])
    .where('i.organisation_id', '=', organisationId)
    .where('i.reviewer_id', '=', reviewerId)
    .orderBy(sql`i.review_id IS NOT NULL`)
    .orderBy('c.started_at')
    .orderBy('i.conversation_id')
    .execute();
  return rows.map((r) => ({
    assignmentId: r.assignment_id,
    rubricId: r.rubric_id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    agentName: r.name,
    startedAt: new Date(r.started_at).toISOString(),
    reviewId: r.review_id,
  }));
}
