import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageProps } from '../../app/page-props.ts';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { Me, RouterOutputs } from '../../lib/api-types.ts';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { metricLabel } from '../../lib/metrics.ts';
import { Link, useLocation } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ImpactTable } from './impact-table.tsx';

type Session = RouterOutputs['coaching']['list'][number];

/**
 * `/coaching`: sessions newest first (an agent's own; a supervisor's team; `?agent=` for one agent),
 * each with its focus metrics before and after. Agents acknowledge theirs here.
 */
export function CoachingPage({ me }: PageProps) {
  const trpc = useTRPC();
  const { search } = useLocation();
  const agentId = search.get('agent') ?? undefined;
  const sessions = useQuery(trpc.coaching.list.queryOptions(agentId ? { agentId } : undefined));
  const title = me.role === 'agent' ? 'My coaching' : 'Coaching sessions';

  return (
    <section aria-labelledby="coaching-title">
      <h1 id="coaching-title">{title}</h1>
      {me.role !== 'agent' && (
        <p className="lead">
          {agentId ? (
            <>
              Sessions of one agent. <Link to="/coaching">Show every session</Link>
            </>
          ) : (
            'Plan a session from an agent’s coaching opportunities on their scorecard.'
          )}
        </p>
      )}
      {sessions.isPending && <Loading>Loading coaching sessions…</Loading>}
      {sessions.isError && (
        <QueryError error={sessions.error} what="the coaching sessions" onRetry={() => sessions.refetch()} />
      )}
      {sessions.data?.length === 0 && (
        <Empty>
          {me.role === 'agent'
            ? 'No coaching sessions yet. When your supervisor records one, it appears here.'
            : 'No coaching sessions yet.'}
        </Empty>
      )}
      {sessions.data && sessions.data.length > 0 && (
        <ol className="session-list">
          {sessions.data.map((s) => (
            <SessionCard key={s.id} session={s} me={me} />
          ))}
        </ol>
      )}
    </section>
  );
}

function SessionCard({ session, me }: { session: Session; me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const acknowledge = useMutation(
    trpc.coaching.acknowledge.mutationOptions({
      // The badge counts what awaits: this settled one of its notifications.
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.coaching.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
        ]),
    }),
  );
  const own = me.role === 'agent' && me.agentId === session.agentId;
  const name = session.agentName ?? session.agentId;
  return (
    <li className="card session" aria-labelledby={`session-${session.id}`}>
      <h2 id={`session-${session.id}`}>
        {me.role === 'agent' ? (
          'Session'
        ) : (
          <Link to={`/agents/${encodeURIComponent(session.agentId)}`}>{name}</Link>
        )}{' '}
        · {formatDay(session.sessionDate)}
      </h2>
      <p className="muted">
        By {session.createdBy} · recorded {formatDateTime(session.createdAt)}
      </p>
      <p>
        <strong>Focus:</strong>{' '}
        {session.focusMetrics.map((id) => (
          <span key={id} className="badge focus-badge">
            {metricLabel(id)}
          </span>
        ))}
      </p>
      {session.note === null ? (
        <p className="muted">The note is between the supervisor and the agent.</p>
      ) : (
        <blockquote className="session-note">{session.note}</blockquote>
      )}
      <p className="ack" aria-live="polite">
        {session.acknowledgedAt ? (
          <span className="badge badge-ok">
            <span aria-hidden="true">✓ </span>Acknowledged {formatDateTime(session.acknowledgedAt)}
          </span>
        ) : (
          <span className="badge">Not acknowledged yet</span>
        )}{' '}
        {own && !session.acknowledgedAt && (
          <button
            type="button"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate({ id: session.id })}
          >
            {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        )}
      </p>
      {acknowledge.isError && (
        <p className="error" role="alert">
          Not acknowledged: {acknowledge.error.message}
        </p>
      )}
      <ImpactTable sessionId={session.id} />
    </li>
  );
}
