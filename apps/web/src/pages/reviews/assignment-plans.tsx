import { defaultFrom, todayIn } from '@rapport/metrics/calendar';
import { formatCount } from '@rapport/metrics/format';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { Me, MetricId } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { hasEvidence, METRIC_IDS, metricLabel } from '../../lib/metrics.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Sample = 'perAgent' | 'percent';

/** Today on the viewer's clock, and the 30 days up to it: a plan's default period. */
function defaultPeriod(): { from: string; to: string } {
  const to = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date());
  return { from: defaultFrom(to), to };
}

/**
 * Review plans: a supervisor (for their team) or an admin (for any) draws conversations per agent —
 * N each or a share of each agent's, optionally only low-CSAT ones or those flagged for a metric — and
 * deals them out evenly to the chosen reviewers, whose queues fill at once. Below, every plan with each
 * reviewer's progress.
 */
export function AssignmentPlans({ me }: { me: Me }) {
  const trpc = useTRPC();
  const plans = useQuery(trpc.reviews.assignments.list.queryOptions());
  return (
    <section className="card" aria-labelledby="plans-title">
      <h2 id="plans-title">Review plans</h2>
      <details className="plan-details">
        <summary>Plan new reviews</summary>
        <PlanForm me={me} />
      </details>
      {plans.isPending && <Loading>Loading the plans…</Loading>}
      {plans.isError && <QueryError error={plans.error} what="the plans" onRetry={() => plans.refetch()} />}
      {plans.data?.length === 0 && <Empty>No plan yet: plan the first one above.</Empty>}
      {plans.data && plans.data.length > 0 && (
        <ul className="plan-list">
          {plans.data.map((p) => (
            <li key={p.id} data-plan={p.id}>
              <strong>
                Plan {p.id}, team {p.teamId}, {formatDay(p.from)} – {formatDay(p.to)}:
              </strong>{' '}
              {p.done} of {formatCount(p.total, 'conversation')} reviewed
              <progress max={Math.max(p.total, 1)} value={p.done} aria-label={`Plan ${p.id} progress`} />
              <span className="muted">
                {' '}
                {p.reviewers.map((r) => `${r.reviewer} ${r.done} of ${r.total}`).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlanForm({ me }: { me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const admin = me.role === 'admin';
  const teams = useQuery({ ...trpc.admin.teams.list.queryOptions(), enabled: admin });
  const rubrics = useQuery(trpc.reviews.rubrics.list.queryOptions());
  const [teamId, setTeamId] = useState(me.teamId ?? '');
  const [period, setPeriod] = useState(defaultPeriod);
  const [sample, setSample] = useState<Sample>('perAgent');
  const [size, setSize] = useState(2);
  const [lowCsat, setLowCsat] = useState(false);
  const [flagged, setFlagged] = useState<MetricId | ''>('');
  const [rubricId, setRubricId] = useState<number | null>(null);
  const [reviewerIds, setReviewerIds] = useState<number[]>([]);
  const chosenTeam = teamId || (admin ? (teams.data?.[0]?.id ?? '') : '');
  const reviewers = useQuery({
    ...trpc.reviews.assignments.reviewers.queryOptions({ teamId: chosenTeam }),
    enabled: chosenTeam !== '',
  });
  const create = useMutation(
    trpc.reviews.assignments.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() }),
    }),
  );
  const ids = {
    team: useId(),
    flagged: useId(),
    rubric: useId(),
  };
  const rubric = rubricId ?? rubrics.data?.[0]?.id ?? null;
  const ready = chosenTeam !== '' && rubric !== null && reviewerIds.length > 0 && size > 0;
  const toggle = (id: number, on: boolean) =>
    setReviewerIds((current) => (on ? [...current, id] : current.filter((r) => r !== id)));
  return (
    <form
      className="form-grid plan-form"
      aria-label="Plan reviews"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        create.mutate({
          teamId: chosenTeam,
          ...period,
          rubricId: rubric,
          ...(sample === 'perAgent' ? { perAgent: size } : { percent: size }),
          lowCsat,
          ...(flagged ? { flaggedMetric: flagged } : {}),
          reviewerIds,
        });
      }}
    >
      {admin ? (
        <>
          <label htmlFor={ids.team}>Team</label>
          <select id={ids.team} value={chosenTeam} onChange={(e) => setTeamId(e.target.value)}>
            {teams.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <p className="muted">For your team, {me.teamId}.</p>
      )}
      <div className="plan-row">
        <label>
          From
          <input
            type="date"
            value={period.from}
            max={period.to}
            required
            onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={period.to}
            min={period.from}
            required
            onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
          />
        </label>
      </div>
      <fieldset className="checkbox-list">
        <legend>Sample of each agent’s conversations</legend>
        <label>
          <input type="radio" checked={sample === 'perAgent'} onChange={() => setSample('perAgent')} /> a
          number per agent
        </label>
        <label>
          <input type="radio" checked={sample === 'percent'} onChange={() => setSample('percent')} /> a share
          of each agent’s
        </label>
      </fieldset>
      <label>
        {sample === 'perAgent' ? 'Conversations per agent' : 'Percent of each agent’s'}
        <input
          className="plan-size"
          type="number"
          min={1}
          max={100}
          step={sample === 'perAgent' ? 1 : 'any'}
          value={size}
          onChange={(e) => setSize(Number(e.target.value))}
        />
      </label>
      <fieldset className="checkbox-list">
        <legend>Which conversations</legend>
        <label>
          <input type="checkbox" checked={lowCsat} onChange={(e) => setLowCsat(e.target.checked)} /> only
          those with a low CSAT
        </label>
      </fieldset>
      <label htmlFor={ids.flagged}>Only conversations flagged for</label>
      <select id={ids.flagged} value={flagged} onChange={(e) => setFlagged(e.target.value as MetricId | '')}>
        <option value="">any metric, or none</option>
        {METRIC_IDS.filter(hasEvidence).map((id) => (
          <option key={id} value={id}>
            {metricLabel(id)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.rubric}>Rubric</label>
      <select id={ids.rubric} value={rubric ?? ''} onChange={(e) => setRubricId(Number(e.target.value))}>
        {rubrics.data?.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} (version {r.latestVersion})
          </option>
        ))}
      </select>
      <fieldset className="checkbox-list">
        <legend>Reviewers (the conversations are dealt out evenly)</legend>
        {reviewers.isPending && chosenTeam !== '' && <Loading>Loading reviewers…</Loading>}
        {reviewers.data?.map((r) => (
          <label key={r.id}>
            <input
              type="checkbox"
              checked={reviewerIds.includes(r.id)}
              onChange={(e) => toggle(r.id, e.target.checked)}
            />{' '}
            {r.email} <span className="muted">({r.role})</span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={!ready || create.isPending}>
          Plan the reviews
        </button>
      </div>
      {create.isError && (
        <p className="error" role="alert">
          Not planned: {create.error.message}
        </p>
      )}
      {create.data && (
        <p role="status" className="plan-done">
          Plan {create.data.id}: {formatCount(create.data.total, 'conversation')} dealt to{' '}
          {formatCount(create.data.reviewers.length, 'reviewer')}
          {create.data.total === 0 && ' — none matched; widen the period or the filters'}.
        </p>
      )}
    </form>
  );
}
