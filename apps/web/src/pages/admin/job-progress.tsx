import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

const STATES = {
  queued: 'Queued',
  running: 'Recomputing stored metrics',
  done: 'Done',
  failed: 'Failed',
} as const;

/** A background job (the recompute after a lexicon, script or target change), polled until it ends. */
export function JobProgress({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.admin.jobs.status.queryOptions({ id: jobId }),
    refetchInterval: (q) => {
      const state = q.state.data?.state;
      return state === 'done' || state === 'failed' ? false : 1_000;
    },
  });
  if (job.isPending) return <p role="status">Recompute queued…</p>;
  if (job.isError)
    return (
      <p className="error" role="alert">
        Could not follow the recompute: {job.error.message}
      </p>
    );
  if (job.data === null) return <p className="error">The recompute job is unknown to the server.</p>;
  const { state, progress, error } = job.data;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <p>
        {STATES[state]}
        {progress.total !== null &&
          `: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} conversations`}
        {state === 'done' && ' — scorecards now use the new settings.'}
      </p>
      {(state === 'running' || state === 'queued') && (
        <progress
          max={progress.total ?? undefined}
          value={progress.total === null ? undefined : progress.done}
          aria-label="Recompute progress"
        />
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
