import { formatPercent } from '@rapport/metrics/format';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import { Link } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { type Answers, RubricForm, startingAnswers } from '../reviews/rubric-form.tsx';
import { type TurnComment, TurnCommentsField } from './turn-comments.tsx';

/**
 * A supervisor's or admin's review of the conversation: the rubric, started from the engine's
 * pre-answers (each with its evidence), comments on single turns, a comment, and the score once
 * submitted.
 */
export function ReviewPanel({
  conversationId,
  turns,
}: {
  conversationId: string;
  turns: readonly { index: number; speaker: string; text: string }[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useQuery(trpc.reviews.prepare.queryOptions({ conversationId }));
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [comment, setComment] = useState('');
  const [turnComments, setTurnComments] = useState<TurnComment[]>([]);
  const commentId = useId();
  const create = useMutation(
    trpc.reviews.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() }),
    }),
  );
  if (form.isPending) return <Loading>Loading the rubric…</Loading>;
  if (form.isError) return <QueryError error={form.error} what="the rubric" onRetry={() => form.refetch()} />;
  const { rubric, preAnswers } = form.data;
  const current = answers ?? startingAnswers(preAnswers);
  if (create.data) {
    return (
      <div className="review-done" role="status">
        <p>
          Review saved: <strong className="review-score">{formatPercent(create.data.score)}</strong>
          {create.data.autoFailed && ' (failed on a critical question)'}
          {create.data.criticalScore !== null && ` · critical ${formatPercent(create.data.criticalScore)}`}
        </p>
        <Link to="/reviews">See the reviews</Link>
      </div>
    );
  }
  return (
    <form
      className="review-form"
      aria-label="Review"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          conversationId,
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          answers: current,
          turnComments,
          comment,
        });
      }}
    >
      <p className="muted">
        {rubric.definition.name}, version {rubric.version}. Questions the engine could answer start with its
        answer; change what you disagree with.
      </p>
      <RubricForm
        rubric={rubric}
        answers={current}
        preAnswers={preAnswers}
        onChange={(id, value) => setAnswers({ ...current, [id]: value })}
      />
      <TurnCommentsField turns={turns} comments={turnComments} onChange={setTurnComments} />
      <label htmlFor={commentId}>Comment for the agent</label>
      <textarea
        id={commentId}
        value={comment}
        maxLength={5_000}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          Submit the review
        </button>
      </div>
      {create.isError && (
        <p className="error" role="alert">
          Not saved: {create.error.message}
        </p>
      )}
    </form>
  );
}
