import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { assignmentSubject } from '../notifications/events.ts';
import { settle } from '../notifications/notify.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { enginePreAnswers } from './review-form.service.ts';
import { insertReview, type TurnComment } from './reviews.repository.ts';
import { type Answers, answerProblems } from './rubric.ts';
import type { RubricVersion } from './rubrics.repository.ts';
import { scoreReview } from './score.ts';

export interface ReviewSubmission {
  conversation: { id: string; agentId: string; day: string; turns: number };
  rubric: RubricVersion;
  answers: Answers;
  turnComments: TurnComment[];
  comment: string;
  calibrationId: number | null;
}

/**
 * Checks the answers against the rubric version, scores them (score.ts), stores the review with the
 * engine's pre-answers, completes the reviewer's assignment for the conversation if there is one and
 * writes the audit entry, all in one transaction: a review is stored whole or not at all.
 */
export async function submitReview(
  db: Kysely<Database>,
  user: SessionUser,
  submission: ReviewSubmission,
): Promise<{ ok: true; id: number } | { ok: false; problems: string[] }> {
  const { conversation, rubric, answers } = submission;
  const problems = answerProblems(rubric.definition, answers);
  for (const comment of submission.turnComments) {
    if (comment.turn >= conversation.turns)
      problems.push(`the conversation has no turn ${comment.turn} (it has ${conversation.turns})`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const score = scoreReview(rubric.definition, answers);
  const preAnswers = await enginePreAnswers(db, user.organisationId, conversation.id, rubric);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertReview(trx, user.organisationId, {
      conversationId: conversation.id,
      agentId: conversation.agentId,
      day: conversation.day,
      rubricId: rubric.id,
      rubricVersion: rubric.version,
      reviewerId: user.id,
      answers,
      preAnswers,
      turnComments: submission.turnComments,
      comment: submission.comment,
      score,
      calibrationId: submission.calibrationId,
    });
    if (submission.calibrationId === null) {
      const completed = await trx
        .updateTable('review_assignment_items')
        .set({ review_id: id })
        .where('organisation_id', '=', user.organisationId)
        .where('conversation_id', '=', conversation.id)
        .where('reviewer_id', '=', user.id)
        .where('review_id', 'is', null)
        .returning('assignment_id')
        .execute();
      await settleFinishedAssignments(
        trx,
        user,
        completed.map((c) => c.assignment_id),
      );
    }
    await writeAudit(trx, user, 'review.create', {
      reviewId: id,
      conversationId: conversation.id,
      agentId: conversation.agentId,
      rubricId: rubric.id,
      rubricVersion: rubric.version,
      score: score.score,
      calibrationId: submission.calibrationId,
    });
    await bumpDataVersion(trx, user.organisationId);
    return id;
  });
  return { ok: true, id };
}

/** A plan whose conversations this reviewer has all reviewed no longer waits for them in the badge. */
async function settleFinishedAssignments(
  trx: Kysely<Database>,
  user: SessionUser,
  assignmentIds: readonly number[],
): Promise<void> {
  for (const assignmentId of new Set(assignmentIds)) {
    const open = await trx
      .selectFrom('review_assignment_items')
      .select('conversation_id')
      .where('organisation_id', '=', user.organisationId)
      .where('assignment_id', '=', assignmentId)
      .where('reviewer_id', '=', user.id)
      .where('review_id', 'is', null)
      .executeTakeFirst();
    if (!open)
      await settle(trx, user.organisationId, 'review.assigned', assignmentSubject(assignmentId, user.id));
  }
}
