import { formatCount, formatDuration } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { PageProps } from '../../app/page-props.ts';
import { prepareVoiceTimeline } from '../../charts/voice-timeline.prepare.ts';
import { VoiceTimelineChart } from '../../charts/voice-timeline.tsx';
import { Loading, QueryError } from '../../components/query-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Link, useLocation } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useFlagDisputes } from './disputes.tsx';
import { EventList, SurveyCard } from './events.tsx';
import { ReviewPanel } from './review-panel.tsx';
import { Transcript } from './transcript.tsx';

/** `/conversations/:id`: the transcript with every flag in place, the voice timeline, events and survey. */
export function ConversationPage({ me, params }: PageProps) {
  const trpc = useTRPC();
  const id = params.id as string;
  const { hash, search } = useLocation();
  // Opened from a text search: its words are highlighted in the transcript.
  const searched = search.get('q')?.trim() || undefined;
  const conversation = useQuery(trpc.conversations.byId.queryOptions({ id }));
  const data = conversation.data;
  // Agents dispute flags in their own conversations (the API checks that it is theirs).
  const disputes = useFlagDisputes(id, me.role === 'agent' && data?.agentId === me.agentId);

  // A link to `#turn-N` (from a scorecard's evidence) lands on that turn once the transcript is there.
  useEffect(() => {
    if (!data || !hash.startsWith('turn-')) return;
    const turn = document.getElementById(hash);
    turn?.scrollIntoView({ block: 'center' });
    turn?.focus({ preventScroll: true });
  }, [data, hash]);

  if (conversation.isPending)
    return (
      <>
        <h1>Conversation {id}</h1>
        <Loading>Loading the conversation…</Loading>
      </>
    );
  if (conversation.isError)
    return (
      <>
        <h1>Conversation {id}</h1>
        <QueryError
          error={conversation.error}
          what="the conversation"
          onRetry={() => conversation.refetch()}
        />
      </>
    );
  const c = conversation.data;
  const interrupted = new Set(
    c.evidence.filter((e) => e.metric === 'interruptionsPerConversation').map((e) => e.turnIndex),
  );
  const timeline = c.channel === 'voice' ? prepareVoiceTimeline(c.turns, interrupted) : null;
  const flagCount = c.evidence.filter((e) => e.kind !== 'credit').length;
  const durationMs = Date.parse(c.endedAt) - Date.parse(c.startedAt);
  return (
    <article aria-labelledby="conversation-title" className="conversation">
      <h1 id="conversation-title">
        Conversation {c.id} <span className="channel-badge">{c.channel}</span>
      </h1>
      <dl className="facts">
        <div>
          <dt>Agent</dt>
          <dd>
            <Link to={`/agents/${encodeURIComponent(c.agentId)}`}>{c.agentName ?? c.agentId}</Link>
            {c.teamId && <span className="muted"> · {c.teamId}</span>}
          </dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{c.customerName ?? 'not given'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <time dateTime={c.startedAt}>{formatDateTime(c.startedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(durationMs)}</dd>
        </div>
        <div>
          <dt>Queue</dt>
          <dd>{c.queue ?? 'not given'}</dd>
        </div>
        <div>
          <dt>Flags</dt>
          <dd>{formatCount(flagCount, 'flag')}</dd>
        </div>
        <div>
          <dt>Credits</dt>
          <dd>{formatCount(c.evidence.length - flagCount, 'credit')}</dd>
        </div>
      </dl>
      {timeline && (
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Voice timeline</h2>
          <div className="timeline-wrap">
            <VoiceTimelineChart timeline={timeline} />
          </div>
          <p className="legend">
            <span className="key key-agent" aria-hidden="true" /> Agent{' '}
            <span className="key key-customer" aria-hidden="true" /> Customer{' '}
            <span className="key key-overlap" aria-hidden="true" /> Both talking (hatched){' '}
            <span className="key-marker" aria-hidden="true">
              ▼
            </span>{' '}
            Flagged interruption
          </p>
        </section>
      )}
      <div className="conversation-columns">
        <section className="card transcript-card" aria-labelledby="transcript-title">
          <h2 id="transcript-title">Transcript</h2>
          {searched && (
            <p className="muted">
              <mark className="search-hit">{searched}</mark> is highlighted where it occurs (the words you
              searched for).
            </p>
          )}
          {me.role === 'agent' && flagCount > 0 && (
            <p className="muted">A flag that is wrong can be disputed: your supervisor decides.</p>
          )}
          {c.transcriptRemoved ? (
            <p className="empty" role="note">
              {transcriptRemovedNote(c.transcriptRemoved)}
            </p>
          ) : (
            <Transcript
              turns={c.turns}
              evidence={c.evidence}
              flagAction={disputes.flagAction}
              turnFooter={disputes.turnFooter}
              searched={searched}
            />
          )}
        </section>
        <aside className="conversation-side">
          <section className="card" aria-labelledby="events-title">
            <h2 id="events-title">Events</h2>
            <EventList events={c.events} />
          </section>
          <section className="card" aria-labelledby="survey-title">
            <h2 id="survey-title">Survey</h2>
            <SurveyCard survey={c.survey} />
          </section>
          {(me.role === 'supervisor' || me.role === 'admin') && (
            <section className="card" aria-labelledby="review-title">
              <h2 id="review-title">Review</h2>
              <ReviewPanel conversationId={c.id} turns={c.turns} />
            </section>
          )}
        </aside>
      </div>
    </article>
  );
}

/** Why the transcript is not shown: its metrics still count, only the words are gone. */
function transcriptRemovedNote(removed: { reason: 'retention' | 'erasure'; at: string }): string {
  const when = formatDateTime(removed.at);
  return removed.reason === 'retention'
    ? `The transcript was removed by retention on ${when}: the organisation keeps transcripts for a limited number of days. Its metrics still count in scorecards and trends.`
    : `The transcript was removed on ${when} when the customer's data was erased on request. Its metrics still count in scorecards and trends.`;
}
