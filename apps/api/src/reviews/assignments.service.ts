import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { teamScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { notify } from '../notifications/notify.ts';
import { drawSample, type SampleSize, spreadEvenly } from './assignment-plan.ts';
import {
  type AssignmentSummary,
  candidateConversations,
  eligibleReviewers,
  insertAssignment,
  listAssignments,
} from './assignments.repository.ts';
import { ensureBuiltInRubric, rubricVersion } from './rubrics.repository.ts';

/** A plan as a supervisor or admin asks for it: N per agent or a share of each agent's, with filters. */
export interface AssignmentRequest {
  teamId: string;
  from: string;
  to: string;
  rubricId: number;
  perAgent?: number | undefined;
  percent?: number | undefined;
  lowCsat: boolean;
  flaggedMetric?: string | undefined;
  reviewerIds: number[];
}

/**
 * Draws a plan's conversations and deals them out evenly to its reviewers: resolve the team (a
 * supervisor's own), the rubric and the reviewers (the team's supervisors or admins), fetch the
 * candidates, draw (seeded by the plan, so the same plan draws the same sample), then store the plan,
 * its audit entry and each reviewer's notification together.
 */
export async function createAssignment(
  db: Kysely<Database>,
  user: SessionUser,
  request: AssignmentRequest,
): Promise<AssignmentSummary | undefined> {
  const { organisationId } = user;
  const teamId = teamScope(user, request.teamId) ?? request.teamId;
  await ensureBuiltInRubric(db, organisationId);
  if (!(await rubricVersion(db, organisationId, request.rubricId)))
    throw new TRPCError({ code: 'NOT_FOUND', message: `No rubric ${request.rubricId}.` });
  const eligible = await eligibleReviewers(db, organisationId, teamId, request.reviewerIds);
  const refused = request.reviewerIds.filter((id) => !eligible.has(id));
  if (refused.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Reviewers must be admins or supervisors of team "${teamId}"; user ${refused.join(', ')} is not.`,
    });
  }
  const size: SampleSize =
    request.perAgent !== undefined ? { perAgent: request.perAgent } : { percent: request.percent as number };
  const flaggedMetric = request.flaggedMetric ?? null;
  const candidates = await candidateConversations(db, organisationId, {
    teamId,
    from: request.from,
    to: request.to,
    lowCsat: request.lowCsat,
    flaggedMetric,
  });
  const plan = { ...size, lowCsat: request.lowCsat, flaggedMetric, reviewerIds: request.reviewerIds };
  const seed = `${teamId}|${request.from}|${request.to}|${JSON.stringify(plan)}`;
  const items = spreadEvenly(drawSample(candidates, size, seed), request.reviewerIds);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertAssignment(trx, organisationId, {
      teamId,
      from: request.from,
      to: request.to,
      rubricId: request.rubricId,
      plan,
      createdBy: user.id,
      items,
    });
    await writeAudit(trx, user, 'review.assignment.create', {
      assignmentId: id,
      teamId,
      conversations: items.length,
    });
    // Each reviewer dealt conversations is told, with the plan (so a plan is announced once).
    for (const [reviewerUserId, conversations] of countBy(items, (item) => item.reviewerId)) {
      await notify(trx, organisationId, {
        kind: 'review.assigned',
        assignmentId: id,
        reviewerUserId,
        conversations,
      });
    }
    return id;
  });
  return (await listAssignments(db, organisationId, { id }))[0];
}

function countBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
