import { type MetricId, metricDefinition } from '@rapport/metrics';
import type { Role } from '../users/role.ts';
import { type Digest, digestText } from './digest.ts';

/**
 * What Rapport tells people about, as plain data: who is told is decided by recipients.repository.ts,
 * how they are told by notify.ts. Pure: the same event always reads the same, so the in-app list, the
 * email and the webhook body say one thing.
 */
export const NOTIFICATION_KINDS = [
  'coaching.acknowledge',
  'dispute.decide',
  'dispute.decided',
  'review.assigned',
  'review.appeal',
  'review.appeal.decided',
  'digest.weekly',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Decision = 'upheld' | 'rejected';

export type NotificationEvent =
  /** A supervisor wrote a coaching session: the agent is to read and acknowledge it. */
  | {
      kind: 'coaching.acknowledge';
      sessionId: number;
      agentId: string;
      sessionDate: string;
      focusMetrics: readonly MetricId[];
    }
  /** An agent disputes a flag: the agent's supervisors (admins where the team has none) decide. */
  | { kind: 'dispute.decide'; disputeId: number; agentId: string; conversationId: string; metric: MetricId }
  /** The dispute was decided: the agent is told how. */
  | {
      kind: 'dispute.decided';
      disputeId: number;
      agentId: string;
      conversationId: string;
      metric: MetricId;
      decision: Decision;
    }
  /** An assignment plan dealt a reviewer (a user) conversations to review. */
  | { kind: 'review.assigned'; assignmentId: number; reviewerUserId: number; conversations: number }
  /** An agent appeals a review: decided like a dispute, by the agent's supervisors. */
  | { kind: 'review.appeal'; reviewId: number; agentId: string; conversationId: string }
  /** The appeal was decided: the agent is told how. */
  | {
      kind: 'review.appeal.decided';
      reviewId: number;
      agentId: string;
      conversationId: string;
      decision: Decision;
    }
  /** A supervisor's weekly digest (digest.job.ts). */
  | { kind: 'digest.weekly'; userId: number; digest: Digest };

export type EventOf<K extends NotificationKind> = Extract<NotificationEvent, { kind: K }>;

/** What each role can be told about; the preferences a user sees are these kinds. */
export const KINDS_FOR_ROLE: Record<Role, readonly NotificationKind[]> = {
  agent: ['coaching.acknowledge', 'dispute.decided', 'review.appeal.decided'],
  supervisor: ['dispute.decide', 'review.assigned', 'review.appeal', 'digest.weekly'],
  admin: ['dispute.decide', 'review.assigned', 'review.appeal'],
  hr: [],
};

/** How a kind is named in the preferences. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  'coaching.acknowledge': 'Coaching sessions to acknowledge',
  'dispute.decide': 'Disputes to decide',
  'dispute.decided': 'Decisions on my disputes',
  'review.assigned': 'Reviews assigned to me',
  'review.appeal': 'Appeals of reviews to decide',
  'review.appeal.decided': 'Decisions on my appeals',
  'digest.weekly': 'Weekly digest of my team',
};

/**
 * The thing an event is about. An event is sent once per kind and subject: a coaching session asks for
 * its acknowledgement once, a week's digest reaches a supervisor once.
 */
export function subjectKey(event: NotificationEvent): string {
  switch (event.kind) {
    case 'coaching.acknowledge':
      return `coaching:${event.sessionId}`;
    case 'dispute.decide':
    case 'dispute.decided':
      return `dispute:${event.disputeId}`;
    case 'review.assigned':
      return assignmentSubject(event.assignmentId, event.reviewerUserId);
    case 'review.appeal':
    case 'review.appeal.decided':
      return `review:${event.reviewId}`;
    case 'digest.weekly':
      return `digest:${event.digest.week.from}:${event.userId}`;
  }
}

/** The subject of a reviewer's share of an assignment plan, settled once they have reviewed it all. */
export function assignmentSubject(assignmentId: number, reviewerUserId: number): string {
  return `assignment:${assignmentId}:${reviewerUserId}`;
}

export interface EventText {
  title: string;
  body: string;
  /** A path of the web app, where the thing waits. */
  link: string | null;
}

/** The agent's display name where the event names one (null: the id is shown). */
export function describeEvent(event: NotificationEvent, agentName: string | null): EventText {
  const who = agentName ?? (('agentId' in event && event.agentId) || 'An agent');
  switch (event.kind) {
    case 'coaching.acknowledge':
      return {
        title: 'Coaching session to acknowledge',
        body: `Your coaching session of ${event.sessionDate} on ${labels(event.focusMetrics)} is waiting for you to read and acknowledge it.`,
        link: '/coaching',
      };
    case 'dispute.decide':
      return {
        title: 'Dispute to decide',
        body: `${who} disputes a flag on ${label(event.metric)} in conversation ${event.conversationId}.`,
        link: '/disputes',
      };
    case 'dispute.decided':
      return {
        title: `Dispute ${event.decision}`,
        body: `Your dispute of a flag on ${label(event.metric)} in conversation ${event.conversationId} was ${event.decision}.`,
        link: `/conversations/${encodeURIComponent(event.conversationId)}`,
      };
    case 'review.assigned':
      return {
        title: 'Reviews to do',
        body: `${event.conversations === 1 ? 'A conversation is' : `${event.conversations} conversations are`} assigned to you to review.`,
        link: '/reviews',
      };
    case 'review.appeal':
      return {
        title: 'Appeal to decide',
        body: `${who} appeals the review of conversation ${event.conversationId}.`,
        link: `/conversations/${encodeURIComponent(event.conversationId)}`,
      };
    case 'review.appeal.decided':
      return {
        title: `Appeal ${event.decision}`,
        body: `Your appeal of the review of conversation ${event.conversationId} was ${event.decision}.`,
        link: `/conversations/${encodeURIComponent(event.conversationId)}`,
      };
    case 'digest.weekly':
      return {
        title: `Weekly digest: ${event.digest.teamName}, ${event.digest.week.from} to ${event.digest.week.to}`,
        body: digestText(event.digest),
        link: '/',
      };
  }
}

function label(metric: MetricId): string {
  return metricDefinition(metric).label.toLowerCase();
}

function labels(metrics: readonly MetricId[]): string {
  const names = metrics.map(label);
  return names.length <= 1
    ? (names[0] ?? 'no metric')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * What resolves an awaiting notification: once the thing is done, the reminder is read for everyone
 * who got it, so the badge counts only what still waits.
 */
export const RESOLVED_BY: Partial<Record<NotificationKind, NotificationKind>> = {
  'dispute.decided': 'dispute.decide',
  'review.appeal.decided': 'review.appeal',
};
