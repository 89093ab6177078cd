import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { PageProps } from '../../app/page-props.ts';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { Me, RouterOutputs } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { evidenceLabel } from '../../lib/metrics.ts';
import { Link, navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Dispute = RouterOutputs['disputes']['list'][number];
type Status = Dispute['status'];
const STATUSES: { value: Status | ''; label: string }[] = [
  { value: 'open', label: 'Waiting for a decision' },
  { value: 'upheld', label: 'Upheld' },
  { value: 'rejected', label: 'Rejected' },
  { value: '', label: 'All' },
];
const STATUS_BADGES: Record<Dispute['status'], string> = {
  open: 'waiting for a decision',
  upheld: '✓ upheld: flag removed',
  rejected: '✗ rejected: flag stays',
};

/**
 * `/disputes`: flags that agents contest. Supervisors (for their team) and admins uphold or reject each
 * once; upholding removes the flag from the evidence, the metrics and the scorecards. Agents follow theirs.
 */
export function DisputesPage({ me }: PageProps) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const decides = me.role !== 'agent';
  const raw = search.get('status');
  const status: Status | '' = raw === null ? (decides ? 'open' : '') : isStatus(raw) ? raw : '';
  const disputes = useQuery(trpc.disputes.list.queryOptions(status ? { status } : undefined));
  return (
    <section aria-labelledby="disputes-title">
      <h1 id="disputes-title">{decides ? 'Disputes' : 'My disputes'}</h1>
      <p className="lead">
        {decides
          ? 'Flags your agents think are wrong. Upholding one removes it from the evidence and the metrics.'
          : 'Flags you disputed from a conversation, and what your supervisor decided.'}
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter disputes">
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) =>
              navigate(withQuery(pathname, { status: e.target.value || 'all' }), { replace: true })
            }
          >
            {STATUSES.map((s) => (
              <option key={s.label} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {disputes.isPending && <Loading>Loading disputes…</Loading>}
      {disputes.isError && (
        <QueryError error={disputes.error} what="the disputes" onRetry={() => disputes.refetch()} />
      )}
      {disputes.data?.length === 0 && (
        <Empty>{status === 'open' ? 'No dispute is waiting for a decision.' : 'No disputes here.'}</Empty>
      )}
      {disputes.data && disputes.data.length > 0 && (
        <ol className="dispute-list">
          {disputes.data.map((d) => (
            <DisputeCard key={d.id} dispute={d} me={me} />
          ))}
        </ol>
      )}
    </section>
  );
}

function DisputeCard({ dispute: d, me }: { dispute: Dispute; me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const noteId = useId();
  const decide = useMutation(
    trpc.disputes.decide.mutationOptions({
      // The badge counts what awaits: this settled one of its notifications.
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.disputes.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
        ]),
    }),
  );
  const canDecide = me.role !== 'agent' && d.status === 'open';
  return (
    <li className="card dispute" aria-labelledby={`dispute-${d.id}`}>
      <h2 id={`dispute-${d.id}`}>
        {evidenceLabel(d.metric)}
        {me.role !== 'agent' && ` · ${d.agentName ?? d.agentId}`}
      </h2>
      <p className="opportunity-badges">
        <span
          className={`badge${d.status === 'open' ? '' : d.status === 'upheld' ? ' badge-ok' : ' badge-warn'}`}
        >
          {STATUS_BADGES[d.status]}
        </span>
      </p>
      <p>
        Flagged text: <q>{d.text}</q>{' '}
        <Link to={`/conversations/${encodeURIComponent(d.conversationId)}#turn-${d.turnIndex}`}>
          Open conversation {d.conversationId}, turn {d.turnIndex + 1}
        </Link>
      </p>
      <p>
        <strong>{me.role === 'agent' ? 'Your reason' : 'Agent’s reason'}:</strong> {d.comment}{' '}
        <span className="muted">
          ({d.createdBy}, {formatDateTime(d.createdAt)})
        </span>
      </p>
      {d.decidedAt && (
        <p>
          <strong>Decision:</strong> {d.decisionNote ?? 'no note'}{' '}
          <span className="muted">
            ({d.decidedBy}, {formatDateTime(d.decidedAt)})
          </span>
        </p>
      )}
      {canDecide && (
        <form className="form-grid decide-form" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor={noteId}>Note for the agent (optional)</label>
          <input id={noteId} value={note} maxLength={2_000} onChange={(e) => setNote(e.target.value)} />
          <div className="form-actions">
            <button
              type="button"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: d.id, decision: 'uphold', note: note || undefined })}
            >
              Uphold: remove the flag
            </button>
            <button
              type="button"
              className="secondary"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: d.id, decision: 'reject', note: note || undefined })}
            >
              Reject: keep the flag
            </button>
          </div>
          {decide.isError && (
            <p className="error" role="alert">
              Not decided: {decide.error.message}
            </p>
          )}
        </form>
      )}
    </li>
  );
}

function isStatus(value: string): value is Status {
  return STATUSES.some((s) => s.value === value && value !== '');
}
