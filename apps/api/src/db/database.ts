import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OrganisationTable {
  id: string;
  name: string;
  time_zone: Generated<string>;
  created_at: Generated<Timestamp>;
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
  ingested_at: Generated<Timestamp>;
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
}

/** Metric fractions are stored in `<metric>_num` / `<metric>_den` columns (see metric-columns.ts). */
type MetricFractionColumns = Record<string, number | null>;

export type ConversationMetricsTable = MetricFractionColumns & {
  organisation_id: string;
  conversation_id: string;
  agent_id: string;
  team_id: string;
  channel: string;
  queue: string;
  day: ColumnType<string, string, string>;
  response_gaps: number[];
};

/** Agent × day × channel × queue sums: any period aggregates exactly from these rows. */
export type AgentDayTable = MetricFractionColumns & {
  organisation_id: string;
  team_id: string;
  agent_id: string;
  day: ColumnType<string, string, string>;
  channel: string;
  queue: string;
  conversations: number;
  response_gaps: number[];
};

export interface UserTable {
  id: Generated<number>;
  organisation_id: string;
  email: string;
  password_hash: string | null;
  role: 'agent' | 'supervisor' | 'hr' | 'admin';
  team_id: string | null;
  agent_id: string | null;
  created_at: Generated<Timestamp>;
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
}

export type Conversation = Selectable<ConversationTable>;
export type NewUser = Insertable<UserTable>;
export type User = Selectable<UserTable>;
