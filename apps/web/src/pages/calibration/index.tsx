import { formatPercent } from '@rapport/metrics/format';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PageProps } from '../../app/page-props.ts';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { Link } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { type Answers, RubricForm } from '../reviews/rubric-form.tsx';

type Session = RouterOutputs['reviews']['calibrations']['byId'];

/**
 * `/calibrations/:id`: a reviewer answers the conversation on the session's rubric without seeing the
 * others; once everyone has answered, the answers side by side with the agreement and each reviewer's
 * alignment with the benchmark.
 */
export function CalibrationPage({ me, params }: PageProps) {
  const trpc = useTRPC();
  const id = Number(params.id);
  const session = useQuery(trpc.reviews.calibrations.byId.queryOptions({ id }));
  if (session.isPending) return <Loading>Loading the calibration session…</Loading>;
  if (session.isError)
    return (
      <QueryError error={session.error} what="the calibration session" onRetry={() => session.refetch()} />
    );
  const s = session.data;
  const mine = s.reviewers.find((r) => r.reviewerId === me.id);
  return (
    <section aria-labelledby="calibration-title">
      <h1 id="calibration-title">Calibration {s.id}</h1>
      <p className="lead">
        Conversation{' '}
        <Link to={`/conversations/${encodeURIComponent(s.conversationId)}`}>{s.conversationId}</Link> on{' '}
        {s.rubric.definition.name} (version {s.rubricVersion}). Answers stay hidden from the other reviewers
        until everyone has answered.
      </p>
      <ul className="calibration-reviewers">
        {s.reviewers.map((r) => (
          <li key={r.reviewerId}>
            {r.reviewer}
            {r.reviewerId === s.benchmarkReviewerId && ' (benchmark)'}: {r.answered ? 'answered' : 'not yet'}
          </li>
        ))}
      </ul>
      {mine && !mine.answered && <CalibrationAnswerForm session={s} />}
      {s.result ? (
        <CalibrationResults session={s} />
      ) : (
        mine?.answered && <p role="status">Waiting for the others.</p>
      )}
    </section>
  );
}

function CalibrationAnswerForm({ session }: { session: Session }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>({});
  const answer = useMutation(
    trpc.reviews.calibrations.answer.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.calibrations.pathKey() }),
    }),
  );
  return (
    <form
      aria-label="Your answers"
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ id: session.id, answers });
      }}
    >
      <RubricForm
        rubric={session.rubric}
        answers={answers}
        onChange={(q, v) => setAnswers({ ...answers, [q]: v })}
      />
      <div className="form-actions">
        <button type="submit" disabled={answer.isPending}>
          Submit my answers
        </button>
      </div>
      {answer.isError && (
        <p className="error" role="alert">
          Not saved: {answer.error.message}
        </p>
      )}
    </form>
  );
}

function CalibrationResults({ session }: { session: Session }) {
  const result = session.result;
  if (!result) return null;
  const name = (id: number) => session.reviewers.find((r) => r.reviewerId === id)?.reviewer ?? `user ${id}`;
  const questions = new Map(
    session.rubric.definition.sections.flatMap((s) => s.questions.map((q) => [q.id, q.text])),
  );
  const kappa = result.kappa;
  return (
    <section className="card" aria-labelledby="agreement-title">
      <h2 id="agreement-title">Agreement</h2>
      <p className="calibration-kappa">
        {kappa.method === 'cohen' ? 'Cohen’s' : 'Fleiss’'} kappa:{' '}
        <strong>
          {kappa.kappa === null ? 'undefined (everyone gave the same answers)' : kappa.kappa.toFixed(2)}
        </strong>{' '}
        <span className="muted">(answers alike {formatPercent(kappa.observed)} of the time)</span>
      </p>
      <table className="calibration-alignment">
        <thead>
          <tr>
            <th scope="col">Reviewer</th>
            <th scope="col">Score</th>
            <th scope="col">Alignment with the benchmark</th>
          </tr>
        </thead>
        <tbody>
          {result.reviewers.map((r) => (
            <tr key={r.reviewerId}>
              <th scope="row">{name(r.reviewerId)}</th>
              <td>{formatPercent(r.score)}</td>
              <td>{formatPercent(r.alignment)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="calibration-answers">
        <thead>
          <tr>
            <th scope="col">Question</th>
            {result.reviewers.map((r) => (
              <th key={r.reviewerId} scope="col">
                {name(r.reviewerId)}
              </th>
            ))}
            <th scope="col">Agreement</th>
          </tr>
        </thead>
        <tbody>
          {result.questions.map((q) => (
            <tr key={q.questionId} className={q.agreement < 1 ? 'disagreement' : undefined}>
              <th scope="row">{questions.get(q.questionId) ?? q.questionId}</th>
              {q.answers.map((a) => (
                <td key={a.reviewerId}>
                  {a.answer === 'na'
                    ? 'N/A'
                    : a.answer === 'yes'
                      ? 'Yes'
                      : a.answer === 'no'
                        ? 'No'
                        : a.answer}
                </td>
              ))}
              <td>{formatPercent(q.agreement)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
