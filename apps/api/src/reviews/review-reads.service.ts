import type { Kysely } from 'kysely';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { listScope } from '../auth/readable-agent.ts';
import { assertCanReadAgent } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { type EngineAgreement, engineAgreement } from './engine-agreement.ts';
import { reviewableConversation } from './review-access.ts';
import { reviewForViewer } from './review-for-viewer.ts';
import { enginePreAnswers } from './review-form.service.ts';
import { listReviews, type Review, reviewById, reviewSettings } from './reviews.repository.ts';
import { rubricQuestions } from './rubric.ts';
import { ensureBuiltInRubric, listRubrics, rubricVersion } from './rubrics.repository.ts';

/**
 * The reads of human review, each resolving what the caller may see before it fetches: the form to
 * answer, the lists, one review, the engine's agreement with reviewers. The router only validates and
 * checks the role.
 */

/** Whose reviews, and which days: an agent's own, a supervisor's team, anyone's for HR and admins. */
export interface ReviewScopeRequest {
  agentId?: string | undefined;
  teamId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A rubric version, or NOT_FOUND; the built-in rubric is added on first use. */
export async function rubricOrMissing(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
  version?: number,
) {
  await ensureBuiltInRubric(db, organisationId);
  const rubric = await rubricVersion(db, organisationId, id, version);
  if (!rubric) throw notFound(version ? `Rubric ${id} has no version ${version}.` : `No rubric ${id}.`);
  return rubric;
}

/** A review the caller may read: their own (agents), their team's (supervisors), any (admins, HR). */
export async function readableReview(db: Kysely<Database>, user: SessionUser, id: number): Promise<Review> {
  const review = await reviewById(db, user.organisationId, id);
  const missing = () => notFound(`No review ${id}.`);
  if (!review) throw missing();
  hiddenUnlessAllowed(() => assertCanReadAgent(user, { id: review.agentId, teamId: review.teamId }), missing);
  // A calibration answer is about the reviewer, not the agent: the agent never sees it.
  if (user.role === 'agent' && review.calibrationId !== null) throw missing();
  return review;
}

/** The caller's own review (agents); another agent's and an unknown id look the same. */
export async function ownReview(db: Kysely<Database>, user: SessionUser, id: number): Promise<Review> {
  const review = await reviewById(db, user.organisationId, id);
  if (!review || review.agentId !== user.agentId || review.calibrationId !== null)
    throw notFound(`No review ${id}.`);
  return review;
}

/** A review read back after a write, as the caller may see it. */
export async function viewReview(db: Kysely<Database>, user: SessionUser, id: number) {
  const review = await readableReview(db, user, id);
  return reviewForViewer(user, review, await reviewSettings(db, user.organisationId));
}

/** The rubric to answer on a conversation and the engine's pre-answers with their evidence. */
export async function prepareReview(
  db: Kysely<Database>,
  user: SessionUser,
  request: { conversationId: string; rubricId?: number | undefined },
) {
  const conversation = await reviewableConversation(db, user, request.conversationId);
  await ensureBuiltInRubric(db, user.organisationId);
  const rubricId = request.rubricId ?? (await listRubrics(db, user.organisationId))[0]?.id;
  if (rubricId === undefined) throw notFound('No rubric.');
  const rubric = await rubricOrMissing(db, user.organisationId, rubricId);
  return {
    conversationId: conversation.id,
    agentId: conversation.agentId,
    rubric,
    preAnswers: await enginePreAnswers(db, user.organisationId, conversation.id, rubric),
  };
}

/** Newest first, as the caller may see them (HR: numbers only). */
export async function reviewsFor(db: Kysely<Database>, user: SessionUser, request: ReviewScopeRequest = {}) {
  const [scope, settings] = await Promise.all([
    listScope(db, user, request),
    reviewSettings(db, user.organisationId),
  ]);
  const found = await listReviews(db, user.organisationId, { ...scope, from: request.from, to: request.to });
  return found.map((review) => reviewForViewer(user, review, settings));
}

/**
 * Per pre-answered question, how often reviewers kept the engine's answer, over the standing reviews
 * in scope, most disagreement first; each with its question as the newest rubric version asking it
 * words it.
 */
export async function engineAgreementFor(
  db: Kysely<Database>,
  user: SessionUser,
  request: ReviewScopeRequest = {},
): Promise<(EngineAgreement & { question: string })[]> {
  const scope = await listScope(db, user, request);
  const found = await listReviews(db, user.organisationId, {
    ...scope,
    from: request.from,
    to: request.to,
    standing: true,
  });
  const questions = await questionTexts(db, user.organisationId, found);
  return engineAgreement(found).map((a) => ({ ...a, question: questions.get(a.questionId) ?? a.questionId }));
}

/** Question id → its text, from the rubric versions the reviews were made with, newest last. */
async function questionTexts(
  db: Kysely<Database>,
  organisationId: string,
  reviews: readonly Pick<Review, 'rubricId' | 'rubricVersion'>[],
): Promise<Map<string, string>> {
  const versions = new Map(reviews.map((r) => [`${r.rubricId}:${r.rubricVersion}`, r]));
  const rubrics = await Promise.all(
    [...versions.values()].map((r) => rubricVersion(db, organisationId, r.rubricId, r.rubricVersion)),
  );
  const texts = new Map<string, string>();
  const byAge = rubrics.filter((r) => r !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const rubric of byAge) {
    for (const question of rubricQuestions(rubric.definition)) texts.set(question.id, question.text);
  }
  return texts;
}

/** One review with the rubric version it was made with. */
export async function reviewWithRubric(db: Kysely<Database>, user: SessionUser, id: number) {
  const review = await readableReview(db, user, id);
  const [rubric, settings] = await Promise.all([
    rubricOrMissing(db, user.organisationId, review.rubricId, review.rubricVersion),
    reviewSettings(db, user.organisationId),
  ]);
  return { ...reviewForViewer(user, review, settings), rubric };
}
