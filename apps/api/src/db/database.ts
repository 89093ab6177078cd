import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationTable {
  id: string;
  name: string;
  time_zone: Generated<string>;
  /** Filled by the demo generator: the sign-in page may show the demo accounts. */
  demo: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface TeamTable {
  organisation_id: string;
  id: string;
  name: string;
}

export interface AgentTable {
  organisation_id: string;
  id: string;
  name: string | null;
  team_id: string | null;
}

/** Customers are pseudonymous: an id and a display name, nothing else. */
export interface CustomerTable {
  organisation_id: string;
  id: string;
  name: string | null;
}

export interface ConversationTable {
  organisation_id: string;
  id: string;
  channel: 'voice' | 'chat' | 'email';
  started_at: Timestamp;
  ended_at: Timestamp;
  agent_id: string;
  team_id: string | null;
  customer_id: string | null;
  customer_name: string | null;
  queue: string | null;
  ingested_at: GeneratedTimestamp;
  /** False when the log had no `events` field (outcome unknown), true for a list, even an empty one. */
  events_given: ColumnType<boolean, boolean | undefined, boolean>;
  /** Why the turns, evidence and survey comment are gone (retention/, erasure/); null while kept. */
  transcript_removed: ColumnType<
    'retention' | 'erasure' | null,
    'retention' | 'erasure' | null | undefined,
    'retention' | 'erasure' | null
  >;
  transcript_removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TurnTable {
  organisation_id: string;
  conversation_id: string;
  idx: number;
  speaker: 'agent' | 'customer' | 'system';
  text: string;
  start_ms: number;
  end_ms: number | null;
}

export interface EventTable {
  organisation_id: string;
  conversation_id: string;
  idx: number;
  type: string;
  at: Timestamp;
  data: unknown;
}

export interface SurveyTable {
  organisation_id: string;
  conversation_id: string;
  csat: number | null;
  comment: string | null;
  at: Timestamp | null;
}

export interface EvidenceTable {
  organisation_id: string;
  conversation_id: string;
  idx: number;
  metric: string;
  turn_index: number;
  span_start: number;
  span_end: number;
  text: string;
  suggestion: string | null;
  kind: ColumnType<'flag' | 'credit' | 'missing', 'flag' | 'credit' | 'missing' | undefined, never>;
}

/**
 * Metric fractions are stored in `<metric>_num` / `<metric>_den` (and in rollups `<metric>_n`) columns,
 * named by metric-columns.ts and read and written with generated SQL; they are not listed here.
 */
export interface ConversationMetricsTable {
  organisation_id: string;
  conversation_id: string;
  agent_id: string;
  team_id: string;
  channel: string;
  queue: string;
  day: ColumnType<string, string, string>;
  response_gaps: number[];
  /** The METRICS.md definitions version that computed these facts. */
  definitions: ColumnType<number, number | undefined, number>;
}

/** Agent × day × channel × queue sums: any period aggregates exactly from these rows. */
export interface AgentDayTable {
  organisation_id: string;
  team_id: string;
  agent_id: string;
  day: ColumnType<string, string, string>;
  channel: string;
  queue: string;
  conversations: number;
  response_gaps: number[];
}

export interface UserTable {
  id: Generated<number>;
  organisation_id: string;
  email: string;
  password_hash: string | null;
  role: 'agent' | 'supervisor' | 'hr' | 'admin';
  team_id: string | null;
  agent_id: string | null;
  created_at: GeneratedTimestamp;
  /** Set when an admin removed the user: the row stays for the records that point at it. */
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

/** One sign-in limit's counter (auth/login.ts): an account, an address, or the pair of both. */
export interface LoginLimitTable {
  key: string;
  window_start: Timestamp;
  attempts: number;
  /** Pairs only: until when this address counts as one the account signed in from. */
  known_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface OrganisationConfigTable {
  organisation_id: string;
  /** Partial<Record<MetricId, Target>> (see packages/metrics coaching). */
  targets: ColumnType<unknown, string | undefined, string>;
  weights: ColumnType<unknown, string | undefined, string>;
  /** Partial<{ voice; chat; email }>, ms. */
  response_targets_ms: ColumnType<unknown, string | undefined, string>;
  /** Lexicon overrides per lexicon id. */
  lexicons: ColumnType<unknown, string | undefined, string>;
  /** Replacement exceptions lists per lexicon id. */
  lexicon_exceptions: ColumnType<unknown, string | undefined, string>;
  /** string[]: the script library. */
  scripts: ColumnType<unknown, string | undefined, string>;
  /** Days a transcript is kept after the conversation started; null keeps it for ever. */
  transcript_retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  updated_at: GeneratedTimestamp;
}

export interface CoachingSessionTable {
  id: Generated<number>;
  organisation_id: string;
  agent_id: string;
  created_by: number;
  /** MetricId[] */
  focus_metrics: ColumnType<string[], string, string>;
  note: string;
  session_date: ColumnType<string, string, string>;
  created_at: GeneratedTimestamp;
  acknowledged_at: Timestamp | null;
}

export interface DisputeTable {
  id: Generated<number>;
  organisation_id: string;
  conversation_id: string;
  agent_id: string;
  metric: string;
  turn_index: number;
  span_start: number;
  span_end: number;
  text: string;
  comment: string;
  status: ColumnType<'open' | 'upheld' | 'rejected', 'open' | 'upheld' | 'rejected' | undefined>;
  created_by: number;
  created_at: GeneratedTimestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface UploadTable {
  id: Generated<number>;
  organisation_id: string;
  user_id: number | null;
  file_name: string;
  format: string;
  bytes_total: number | null;
  bytes_read: ColumnType<number, number | undefined, number>;
  status: ColumnType<'running' | 'done' | 'failed', 'running' | 'done' | 'failed' | undefined>;
  /** While storing: conversations stored and rejected so far. */
  records_stored: ColumnType<number, number | undefined, number>;
  records_rejected: ColumnType<number, number | undefined, number>;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  created_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
  /** Last sign of life of the process working on it (jobs/liveness.ts). */
  alive_at: GeneratedTimestamp;
}

/** A part of an upload waiting for the worker (migrations/2026-12-02-03-upload-parts.ts). */
export interface UploadPartTable {
  organisation_id: string;
  upload_id: number;
  part: number;
  data: Uint8Array;
}

/** A job of jobs/job-queue.ts; `id` is pg-boss's job id. */
export interface JobTable {
  id: string;
  organisation_id: string;
  queue: string;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  done: ColumnType<number, number | undefined, number>;
  total: number | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** Last sign of life of the process working on it (jobs/liveness.ts). */
  alive_at: GeneratedTimestamp;
}
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface AuditLogTable {
  id: Generated<number>;
  organisation_id: string;
  user_id: number | null;
  actor: string;
  action: string;
  detail: ColumnType<unknown, string | undefined, string>;
  at: GeneratedTimestamp;
}

export interface RubricTable {
  organisation_id: string;
  id: Generated<number>;
  latest_version: number;
  built_in: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: GeneratedTimestamp;
}

/** One version of a rubric, never changed once written (reviews/rubric.ts RubricDefinition). */
export interface RubricVersionTable {
  organisation_id: string;
  rubric_id: number;
  version: number;
  definition: ColumnType<unknown, string, never>;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface ReviewSettingsTable {
  organisation_id: string;
  show_reviewer_to_agents: boolean;
}

export type AppealStatus = 'open' | 'upheld' | 'rejected';

export interface ReviewTable {
  organisation_id: string;
  id: Generated<number>;
  conversation_id: string;
  agent_id: string;
  day: ColumnType<string, string, never>;
  rubric_id: number;
  rubric_version: number;
  reviewer_id: number;
  /** Answers by question id. */
  answers: ColumnType<unknown, string, never>;
  /** reviews/pre-answer.ts PreAnswer[], as the engine answered when the review was made. */
  pre_answers: ColumnType<unknown, string, never>;
  /** { turn, text }[] */
  turn_comments: ColumnType<unknown, string | undefined, never>;
  comment: ColumnType<string, string | undefined, never>;
  score: number | null;
  critical_score: number | null;
  auto_failed: boolean;
  section_scores: ColumnType<unknown, string, never>;
  calibration_id: number | null;
  created_at: GeneratedTimestamp;
  acknowledged_at: Timestamp | null;
  appeal_comment: string | null;
  appealed_at: Timestamp | null;
  appeal_status: AppealStatus | null;
  appeal_decided_by: number | null;
  appeal_decided_at: Timestamp | null;
  appeal_note: string | null;
}

export interface ReviewAssignmentTable {
  organisation_id: string;
  id: Generated<number>;
  team_id: string;
  period_from: ColumnType<string, string, never>;
  period_to: ColumnType<string, string, never>;
  rubric_id: number;
  plan: ColumnType<unknown, string, never>;
  created_by: number;
  created_at: GeneratedTimestamp;
}

export interface ReviewAssignmentItemTable {
  organisation_id: string;
  assignment_id: number;
  conversation_id: string;
  agent_id: string;
  reviewer_id: number;
  review_id: number | null;
}

export interface CalibrationSessionTable {
  organisation_id: string;
  id: Generated<number>;
  conversation_id: string;
  rubric_id: number;
  rubric_version: number;
  benchmark_reviewer_id: number;
  created_by: number;
  created_at: GeneratedTimestamp;
}

export interface CalibrationReviewerTable {
  organisation_id: string;
  calibration_id: number;
  reviewer_id: number;
}

/** Each notification event once (notifications/notify.ts); `kind` + `subject_key` are unique. */
export interface NotificationEventTable {
  organisation_id: string;
  id: string;
  kind: string;
  subject_key: string;
  data: ColumnType<unknown, string, string>;
  title: string;
  body: string;
  link: string | null;
  created_at: GeneratedTimestamp;
}

/** One event for one recipient; `in_app` false when they take that kind by email only. */
export interface NotificationTable {
  organisation_id: string;
  id: Generated<number>;
  event_id: string;
  user_id: number;
  kind: string;
  subject_key: string;
  in_app: boolean;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
}

export type DeliveryState = 'pending' | 'queued' | 'sent' | 'failed' | 'skipped';

/** The outbox of emails and webhook calls; `id` is the pg-boss job id of its delivery. */
export interface NotificationDeliveryTable {
  organisation_id: string;
  id: string;
  event_id: string;
  channel: 'email' | 'webhook';
  /** The recipient of an email; null for a webhook call. */
  user_id: number | null;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  queued_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** A user's choice for one kind; no row means the kind's default (both channels on). */
export interface NotificationPreferenceTable {
  organisation_id: string;
  user_id: number;
  kind: string;
  in_app: boolean;
  email: boolean;
}

export interface OrganisationWebhookTable {
  organisation_id: string;
  url: string;
  /** Signs each body (HMAC-SHA256); kept readable because the server must sign with it. */
  secret: string;
  enabled: boolean;
  updated_by: number | null;
  updated_at: GeneratedTimestamp;
}

/** Raised by every write that changes what a dashboard reads; the read cache's key (read-cache/). */
export interface DataVersionTable {
  organisation_id: string;
  /** bigint: node-postgres returns it as a string, PGlite as a bigint or number. */
  version: ColumnType<string | number | bigint, number, never>;
}

export interface SavedViewTable {
  organisation_id: string;
  id: Generated<number>;
  owner_id: number;
  /** The page the view opens: the team overview or conversation search. */
  kind: 'overview' | 'search';
  name: string;
  shared: boolean;
  /** The view's state as the router validated it for its kind (routers/views.ts, VIEW_STATES). */
  state: ColumnType<unknown, string, string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface Database {
  organisations: OrganisationTable;
  teams: TeamTable;
  agents: AgentTable;
  customers: CustomerTable;
  conversations: ConversationTable;
  turns: TurnTable;
  events: EventTable;
  surveys: SurveyTable;
  evidence: EvidenceTable;
  conversation_metrics: ConversationMetricsTable;
  agent_day: AgentDayTable;
  users: UserTable;
  sessions: SessionTable;
  login_limits: LoginLimitTable;
  organisation_config: OrganisationConfigTable;
  coaching_sessions: CoachingSessionTable;
  disputes: DisputeTable;
  uploads: UploadTable;
  upload_parts: UploadPartTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  rubrics: RubricTable;
  rubric_versions: RubricVersionTable;
  review_settings: ReviewSettingsTable;
  reviews: ReviewTable;
  review_assignments: ReviewAssignmentTable;
  review_assignment_items: ReviewAssignmentItemTable;
  calibration_sessions: CalibrationSessionTable;
  calibration_reviewers: CalibrationReviewerTable;
  notification_events: NotificationEventTable;
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  notification_preferences: NotificationPreferenceTable;
  organisation_webhooks: OrganisationWebhookTable;
  saved_views: SavedViewTable;
  data_versions: DataVersionTable;
}

export type Conversation = Selectable<ConversationTable>;
export type NewUser = Insertable<UserTable>;
export type User = Selectable<UserTable>;
