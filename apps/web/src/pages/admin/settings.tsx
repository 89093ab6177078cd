import { CHANNELS, type Channel } from '@rapport/metrics/catalog';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { MetricId, MetricUnit, RouterInputs, RouterOutputs } from '../../lib/api-types.ts';
import { METRIC_IDS, metricLabel, metricUnit } from '../../lib/metrics.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { JobProgress } from './job-progress.tsx';

type Config = RouterOutputs['admin']['config']['get'];
type Patch = RouterInputs['admin']['config']['update'];
type Direction = 'lower' | 'higher';

/** Targets are typed in the unit people think in: percent for shares, seconds for durations. */
const INPUT_UNITS: Partial<Record<MetricUnit, { label: string; factor: number }>> = {
  ratio: { label: '%', factor: 100 },
  ms: { label: 's', factor: 1 / 1_000 },
};

function toInput(value: number | undefined, unit: MetricUnit): string {
  if (value === undefined) return '';
  const factor = INPUT_UNITS[unit]?.factor ?? 1;
  return String(Math.round(value * factor * 1_000) / 1_000);
}

function fromInput(text: string, unit: MetricUnit): number {
  return Number(text) / (INPUT_UNITS[unit]?.factor ?? 1);
}

/** Coaching targets and weights per metric, and the response-time targets per channel. */
export function SettingsSection() {
  const trpc = useTRPC();
  const config = useQuery(trpc.admin.config.get.queryOptions());
  if (config.isPending) return <Loading>Loading settings…</Loading>;
  if (config.isError)
    return <QueryError error={config.error} what="the settings" onRetry={() => config.refetch()} />;
  return (
    <>
      <UnfinishedJobs />
      <TargetsForm config={config.data} />
      <ResponseTargetsForm config={config.data} />
    </>
  );
}

/**
 * Recomputes that are queued or running, whoever started them: the one a configuration change asked
 * for, or the one start-up queues when stored facts were computed by older metric definitions.
 */
function UnfinishedJobs() {
  const trpc = useTRPC();
  const jobs = useQuery({ ...trpc.admin.jobs.unfinished.queryOptions(), refetchInterval: 5_000 });
  if (!jobs.data || jobs.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Background jobs</h2>
      {jobs.data.map((job) => (
        <JobProgress key={job.id} jobId={job.id} />
      ))}
    </section>
  );
}

function useConfigUpdate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.admin.config.update.mutationOptions({
      // Every scorecard and opportunity depends on the configuration.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
}

function TargetsForm({ config }: { config: Config }) {
  const coachable = METRIC_IDS.filter((id) => config.effective.weights[id] !== undefined);
  const direction = (id: MetricId): Direction =>
    config.effective.targets[id]?.direction ??
    config.defaults.targets[id]?.direction ??
    // The coachable metrics without a default target are the three response times: lower is better.
    'lower';
  const initial = Object.fromEntries(
    coachable.map((id) => [
      id,
      {
        target: toInput(config.effective.targets[id]?.value, metricUnit(id)),
        weight: String(config.effective.weights[id] ?? ''),
      },
    ]),
  ) as Record<MetricId, { target: string; weight: string }>;
  const [values, setValues] = useState(initial);
  const update = useConfigUpdate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const targets: NonNullable<Patch['targets']> = {};
    const weights: NonNullable<Patch['weights']> = {};
    for (const id of coachable) {
      const now = values[id];
      const was = initial[id];
      if (now.target !== was.target)
        targets[id] =
          now.target.trim() === ''
            ? null
            : { direction: direction(id), value: fromInput(now.target, metricUnit(id)) };
      if (now.weight !== was.weight) weights[id] = Number(now.weight);
    }
    update.mutate({
      ...(Object.keys(targets).length ? { targets } : {}),
      ...(Object.keys(weights).length ? { weights } : {}),
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="targets-title">
      <h2 id="targets-title">Coaching targets and weights</h2>
      <p className="muted">
        An agent who misses a target, or is worse than the team by one robust unit, gets a coaching
        opportunity; weights rank them (0 stops coaching on a metric). Leave a target empty to compare with
        the team only.
      </p>
      <div className="table-wrap">
        <table className="data-table settings-table">
          <caption className="visually-hidden">Targets and weights per metric</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Target</th>
              <th scope="col">Weight (0–10)</th>
              <th scope="col">Default</th>
            </tr>
          </thead>
          <tbody>
            {coachable.map((id) => {
              const unit = metricUnit(id);
              const fallback = config.defaults.targets[id];
              return (
                <tr key={id}>
                  <th scope="row">{metricLabel(id)}</th>
                  <td>
                    <label className="target-input">
                      <span aria-hidden="true">{direction(id) === 'lower' ? '≤' : '≥'}</span>
                      <input
                        type="number"
                        step="any"
                        inputMode="decimal"
                        aria-label={`${metricLabel(id)} target, ${direction(id) === 'lower' ? 'at most' : 'at least'}${INPUT_UNITS[unit] ? ` (${INPUT_UNITS[unit]?.label})` : ` (${unit})`}`}
                        value={values[id].target}
                        onChange={(e) =>
                          setValues({ ...values, [id]: { ...values[id], target: e.target.value } })
                        }
                      />
                      <span>{INPUT_UNITS[unit]?.label ?? unit}</span>
                    </label>
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      max={10}
                      step="any"
                      aria-label={`${metricLabel(id)} weight`}
                      value={values[id].weight}
                      onChange={(e) =>
                        setValues({ ...values, [id]: { ...values[id], weight: e.target.value } })
                      }
                    />
                  </td>
                  <td className="muted">
                    {fallback
                      ? `${fallback.direction === 'lower' ? '≤' : '≥'} ${toInput(fallback.value, unit)} ${INPUT_UNITS[unit]?.label ?? unit}`
                      : 'no target'}
                    {` · weight ${config.defaults.weights[id] ?? '—'}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SaveResult update={update} />
      <button type="submit" disabled={update.isPending}>
        Save targets and weights
      </button>
    </form>
  );
}

function ResponseTargetsForm({ config }: { config: Config }) {
  const [seconds, setSeconds] = useState(
    Object.fromEntries(
      CHANNELS.map((c) => [c, String(config.effective.responseTargetsMs[c] / 1_000)]),
    ) as Record<Channel, string>,
  );
  const update = useConfigUpdate();
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          responseTargetsMs: {
            voice: Math.round(Number(seconds.voice) * 1_000),
            chat: Math.round(Number(seconds.chat) * 1_000),
            email: Math.round(Number(seconds.email) * 1_000),
          },
        });
      }}
      aria-labelledby="response-title"
    >
      <h2 id="response-title">Response-time targets per channel</h2>
      <p className="muted">Changing these re-scores every stored conversation in the background.</p>
      <div className="inline-form">
        {CHANNELS.map((c) => (
          <label key={c}>
            {c} (s)
            <input
              type="number"
              min={1}
              step="any"
              required
              value={seconds[c]}
              onChange={(e) => setSeconds({ ...seconds, [c]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit" disabled={update.isPending}>
          Save and recompute
        </button>
      </div>
      <SaveResult update={update} />
    </form>
  );
}

export function SaveResult({ update }: { update: ReturnType<typeof useConfigUpdate> }) {
  if (update.isError)
    return (
      <p className="error" role="alert">
        Not saved: {update.error.message}
      </p>
    );
  if (!update.data) return null;
  return (
    <>
      <p className="success" role="status">
        Saved: {update.data.changed.join(', ')}.
      </p>
      {update.data.jobId && <JobProgress jobId={update.data.jobId} />}
    </>
  );
}

export { useConfigUpdate };
