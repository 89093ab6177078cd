import type { ConversationDetail } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';

type Event = ConversationDetail['events'][number];

const EVENT_NAMES: Record<string, string> = {
  transfer: 'Transferred',
  promise: 'Promise made',
  follow_up: 'Followed up',
  resolved: 'Resolved',
  survey_sent: 'Survey sent',
  hold: 'On hold',
};

/** The details an event carries besides its type and time, in words. */
function eventDetail(event: Event): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof data.to === 'string') parts.push(`to ${data.to}`);
  if (typeof data.dueAt === 'string') parts.push(`due ${formatDateTime(data.dueAt)}`);
  if (typeof data.channel === 'string') parts.push(`by ${data.channel}`);
  if (typeof data.reason === 'string') parts.push(data.reason);
  return parts.join(', ');
}

export function EventList({ events }: { events: readonly Event[] }) {
  if (events.length === 0) return <p className="empty">No events recorded.</p>;
  return (
    <ol className="event-list">
      {events.map((e) => {
        const detail = eventDetail(e);
        return (
          <li key={e.index}>
            <strong>{EVENT_NAMES[e.type] ?? e.type}</strong>
            {detail && ` ${detail}`}
            <br />
            <time className="muted" dateTime={e.at}>
              {formatDateTime(e.at)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}

export function SurveyCard({ survey }: { survey: ConversationDetail['survey'] }) {
  if (!survey) return <p className="empty">No survey answer.</p>;
  return (
    <dl className="facts facts-stacked">
      <div>
        <dt>CSAT</dt>
        <dd>{survey.csat === null ? 'no data' : `${survey.csat} / 5`}</dd>
      </div>
      <div>
        <dt>Comment</dt>
        <dd>{survey.comment ? <q>{survey.comment}</q> : 'none'}</dd>
      </div>
      <div>
        <dt>Answered</dt>
        <dd>{formatDateTime(survey.at)}</dd>
      </div>
    </dl>
  );
}
