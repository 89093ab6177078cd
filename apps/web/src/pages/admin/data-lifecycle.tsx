import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { useTRPC } from '../../lib/trpc.ts';

type RetentionRun = RouterOutputs['admin']['retention']['run'];
type ErasureReceipt = RouterOutputs['admin']['customers']['erase'];

/** How long transcripts are kept, and erasing one customer on request. */
export function DataLifecycleSection() {
  const trpc = useTRPC();
  const retention = useQuery(trpc.admin.retention.get.queryOptions());
  if (retention.isPending) return <Loading>Loading the retention…</Loading>;
  if (retention.isError)
    return <QueryError error={retention.error} what="the retention" onRetry={() => retention.refetch()} />;
  return (
    <>
      <RetentionForm days={retention.data.days} />
      <ErasureForm />
    </>
  );
}

function RetentionForm({ days }: { days: number | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [keep, setKeep] = useState(days === null ? '' : String(days));
  const save = useMutation(
    trpc.admin.retention.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.retention.pathKey() }),
    }),
  );
  const run = useMutation(
    trpc.admin.retention.run.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  return (
    <form
      className="card stacked-form"
      aria-labelledby="retention-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ days: keep.trim() === '' ? null : Number(keep) });
      }}
    >
      <h2 id="retention-title">Transcript retention</h2>
      <p className="muted">
        Past this many days after a conversation started, its turns, evidence and survey comment are removed
        (daily by <code>pnpm rapport retention run</code>, or now below). Its metrics stay: scorecards, trends
        and overviews do not change. Leave it empty to keep transcripts for ever.
      </p>
      <label>
        Keep transcripts for{' '}
        <input
          type="number"
          min={1}
          max={36_500}
          step={1}
          value={keep}
          placeholder="for ever"
          onChange={(e) => setKeep(e.target.value)}
        />{' '}
        days
      </label>
      <div>
        <button type="submit" disabled={save.isPending}>
          Save
        </button>{' '}
        <button type="button" disabled={run.isPending || days === null} onClick={() => run.mutate()}>
          Remove older transcripts now
        </button>
      </div>
      {save.isSuccess && <span role="status"> Saved.</span>}
      {run.isSuccess && <p role="status">{describeRun(run.data)}</p>}
      {(save.isError || run.isError) && (
        <p className="error" role="alert">
          {(save.error ?? run.error)?.message}
        </p>
      )}
    </form>
  );
}

function describeRun(run: RetentionRun): string {
  if (run.days === null) return 'Transcripts are kept for ever: nothing was removed.';
  return `Removed the transcripts of ${run.conversations} conversations (${run.turns} turns, ${run.evidence} pieces of evidence, ${run.surveyComments} survey comments).`;
}

function ErasureForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [customerId, setCustomerId] = useState('');
  const [reference, setReference] = useState('');
  const erase = useMutation(
    trpc.admin.customers.erase.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  return (
    <form
      className="card stacked-form"
      aria-labelledby="erasure-title"
      onSubmit={(event) => {
        event.preventDefault();
        const id = customerId.trim();
        if (!window.confirm(`Erase customer ${id} everywhere? This cannot be undone.`)) return;
        erase.mutate({ customerId: id, ...(reference.trim() ? { reference: reference.trim() } : {}) });
      }}
    >
      <h2 id="erasure-title">Erase a customer</h2>
      <p className="muted">
        Removes the customer’s transcripts, evidence, events, surveys, name and id, and their mentions in
        dispute and coaching notes, in one step that is audited. Their conversations stay, anonymous, so
        scorecards do not change.
      </p>
      <label>
        Customer id (as in the logs){' '}
        <input required value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
      </label>
      <label>
        Request reference (optional){' '}
        <input value={reference} maxLength={200} onChange={(e) => setReference(e.target.value)} />
      </label>
      <button type="submit" disabled={erase.isPending}>
        Erase
      </button>
      {erase.isSuccess && <p role="status">{describeReceipt(erase.data)}</p>}
      {erase.isError && (
        <p className="error" role="alert">
          {erase.error.message}
        </p>
      )}
    </form>
  );
}

function describeReceipt(receipt: ErasureReceipt): string {
  return `Erased: ${receipt.conversations} conversations (${receipt.turns} turns, ${receipt.evidence} pieces of evidence, ${receipt.surveys} surveys), ${receipt.disputes} disputes and ${receipt.coachingNotes} coaching notes redacted.`;
}
