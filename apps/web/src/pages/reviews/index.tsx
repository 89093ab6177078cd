import { formatPercent } from '@rapport/metrics/format';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { PageProps } from '../../app/page-props.ts';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { Me, RouterOutputs } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AssignmentPlans } from './assignment-plans.tsx';
import { EngineAgreementTable } from './engine-agreement.tsx';

type Review = RouterOutputs['reviews']['list'][number];

const APPEAL_BADGES: Record<NonNullable<Review['appeal']>['status'], string> = {
  open: 'appeal waiting for a decision',
  upheld: '✓ appeal upheld: review withdrawn',
  rejected: '✗ appeal rejected: review stands',
};

/**
 * `/reviews`: agents read their reviews, acknowledge or appeal them; supervisors and admins see their
 * queue, the calibration sessions they are in, the review plans (and a form to plan more), the
 * reviews of their team with appeals to decide, and where reviewers overrule the engine.
 */
export function ReviewsPage({ me }: PageProps) {
  const trpc = useTRPC();
  const reviews = useQuery(trpc.reviews.list.queryOptions());
  const reviewer = me.role === 'supervisor' || me.role === 'admin';
  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">{reviewer ? 'Reviews' : 'My reviews'}</h1>
      <p className="lead">
        {reviewer
          ? 'Conversations reviewed on a rubric, beside the engine’s measurements. Open a conversation to review it.'
          : 'Your conversations as a reviewer scored them. Acknowledge a review, or appeal it if it is wrong.'}
      </p>
      {reviewer && <ReviewerQueue />}
      {reviewer && <CalibrationList />}
      {reviewer && <AssignmentPlans me={me} />}
      <h2>{reviewer ? 'Team reviews' : 'Reviews'}</h2>
      {reviews.isPending && <Loading>Loading reviews…</Loading>}
      {reviews.isError && (
        <QueryError error={reviews.error} what="the reviews" onRetry={() => reviews.refetch()} />
      )}
      {reviews.data?.length === 0 && <Empty>No reviews yet.</Empty>}
      {reviews.data && reviews.data.length > 0 && (
        <ol className="review-list">
          {reviews.data.map((r) => (
            <ReviewCard key={r.id} review={r} me={me} />
          ))}
        </ol>
      )}
      {reviewer && <EngineAgreementTable />}
    </section>
  );
}

function ReviewerQueue() {
  const trpc = useTRPC();
  const queue = useQuery(trpc.reviews.assignments.queue.queryOptions());
  if (!queue.data || queue.data.total === 0) return null;
  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">
        My queue: {queue.data.done} of {queue.data.total} reviewed
      </h2>
      <progress max={queue.data.total} value={queue.data.done} />
      <ul>
        {queue.data.items
          .filter((i) => i.reviewId === null)
          .map((i) => (
            <li key={`${i.assignmentId}-${i.conversationId}`}>
              <Link to={`/conversations/${encodeURIComponent(i.conversationId)}`}>{i.conversationId}</Link>{' '}
              <span className="muted">
                {i.agentName ?? i.agentId}, {formatDateTime(i.startedAt)}
              </span>
            </li>
          ))}
      </ul>
    </section>
  );
}

function CalibrationList() {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.reviews.calibrations.list.queryOptions());
  if (!sessions.data || sessions.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="calibrations-title">
      <h2 id="calibrations-title">Calibration sessions</h2>
      <ul>
        {sessions.data.map((s) => (
          <li key={s.id}>
            <Link to={`/calibrations/${s.id}`}>
              Calibration {s.id}: conversation {s.conversationId}
            </Link>{' '}
            <span className="muted">
              {s.complete
                ? 'everyone has answered'
                : `${s.reviewers.filter((r) => r.answered).length} of ${s.reviewers.length} answered`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReviewCard({ review: r, me }: { review: Review; me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reviews.list.pathKey() });
  const acknowledge = useMutation(trpc.reviews.acknowledge.mutationOptions({ onSuccess: refresh }));
  const appeal = useMutation(trpc.reviews.appeal.mutationOptions({ onSuccess: refresh }));
  const decide = useMutation(trpc.reviews.decideAppeal.mutationOptions({ onSuccess: refresh }));
  const [text, setText] = useState('');
  const textId = useId();
  const own = me.role === 'agent';
  const error = acknowledge.error ?? appeal.error ?? decide.error;
  return (
    <li className="card review" aria-labelledby={`review-${r.id}`} data-review={r.id}>
      <h3 id={`review-${r.id}`}>
        Review of {r.conversationId}
        {!own && ` · ${r.agentName ?? r.agentId}`}:{' '}
        <span className="review-score">{formatPercent(r.score)}</span>
      </h3>
      <p className="muted">
        {r.reviewer ? `By ${r.reviewer}, ` : ''}
        {formatDateTime(r.createdAt)}
        {r.criticalScore !== null && ` · critical ${formatPercent(r.criticalScore)}`}
        {r.autoFailed && ' · failed on a critical question'}
        {r.acknowledgedAt && ' · acknowledged'}
      </p>
      {r.appeal && (
        <p className="opportunity-badges">
          <span
            className={`badge${r.appeal.status === 'open' ? '' : r.appeal.status === 'upheld' ? ' badge-ok' : ' badge-warn'}`}
          >
            {APPEAL_BADGES[r.appeal.status]}
          </span>
        </p>
      )}
      {r.comment && (
        <p>
          <strong>Comment:</strong> {r.comment}
        </p>
      )}
      {r.turnComments?.map((c) => (
        <p key={`${c.turn}-${c.text}`}>
          <Link to={`/conversations/${encodeURIComponent(r.conversationId)}#turn-${c.turn}`}>
            Turn {c.turn + 1}
          </Link>
          : {c.text}
        </p>
      ))}
      {r.appeal?.comment && (
        <p>
          <strong>{own ? 'Your appeal' : 'Agent’s appeal'}:</strong> {r.appeal.comment}
        </p>
      )}
      {r.appeal?.decidedAt && (
        <p className="appeal-decision">
          <strong>Decision:</strong> {r.appeal.note ?? 'no note'}
          {r.appeal.decidedBy && <span className="muted"> ({r.appeal.decidedBy})</span>}
        </p>
      )}
      <p>
        <Link to={`/conversations/${encodeURIComponent(r.conversationId)}`}>Open the conversation</Link>
      </p>
      {own && (
        <form
          className="form-grid"
          onSubmit={(e) => e.preventDefault()}
          aria-label={`Respond to review ${r.id}`}
        >
          {!r.acknowledgedAt && (
            <div className="form-actions">
              <button
                type="button"
                disabled={acknowledge.isPending}
                onClick={() => acknowledge.mutate({ id: r.id })}
              >
                Acknowledge
              </button>
            </div>
          )}
          {!r.appeal && (
            <>
              <label htmlFor={textId}>Why is this review wrong?</label>
              <textarea
                id={textId}
                value={text}
                maxLength={2_000}
                onChange={(e) => setText(e.target.value)}
              />
              <div className="form-actions">
                <button
                  type="button"
                  className="secondary"
                  disabled={appeal.isPending || text.trim() === ''}
                  onClick={() => appeal.mutate({ id: r.id, comment: text })}
                >
                  Appeal
                </button>
              </div>
            </>
          )}
        </form>
      )}
      {!own && r.appeal?.status === 'open' && (
        <form
          className="form-grid decide-form"
          onSubmit={(e) => e.preventDefault()}
          aria-label={`Decide the appeal of review ${r.id}`}
        >
          <label htmlFor={textId}>Note for the agent (optional)</label>
          <input id={textId} value={text} maxLength={2_000} onChange={(e) => setText(e.target.value)} />
          <div className="form-actions">
            <button
              type="button"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: r.id, decision: 'uphold', note: text || undefined })}
            >
              Uphold: withdraw the review
            </button>
            <button
              type="button"
              className="secondary"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: r.id, decision: 'reject', note: text || undefined })}
            >
              Reject: the review stands
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          Not saved: {error.message}
        </p>
      )}
    </li>
  );
}
