import type { Kysely } from 'kysely';
import { scoredConversation } from '../conversations/scored-conversation.ts';
import type { Database } from '../db/database.ts';
import { type PreAnswer, preAnswers } from './pre-answer.ts';
import type { RubricVersion } from './rubrics.repository.ts';

/**
 * What a reviewer starts from on a conversation: the rubric version to answer and the engine's
 * pre-answers with the evidence spans behind each. The same pre-answers are stored with the review
 * (worked out again on the server, never taken from the client), so that reviewers' agreement with the
 * engine can be measured.
 */
export async function enginePreAnswers(
  db: Kysely<Database>,
  organisationId: string,
  conversationId: string,
  rubric: RubricVersion,
): Promise<PreAnswer[]> {
  const scored = await scoredConversation(db, organisationId, conversationId);
  return scored ? preAnswers(rubric.definition, scored) : [];
}
