/** The conversation the engine reads: interaction log format v1 (DESIGN.md), already validated. */
export const CHANNELS = ['voice', 'chat', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Speaker = 'agent' | 'customer' | 'system';

export interface Turn {
  speaker: Speaker;
  text: string;
  /** Offset from `startedAt`, ms. */
  startMs: number;
  /** Offset from `startedAt`, ms; absent means "same as startMs". */
  endMs?: number | null;
}

export interface ConversationEvent {
  type: string;
  /** ISO 8601 instant. */
  at: string;
  to?: string;
  dueAt?: string;
  channel?: string;
}

export interface Survey {
  csat?: number | null;
  comment?: string | null;
  at?: string | null;
}

export interface Conversation {
  id: string;
  channel: Channel;
  startedAt: string;
  endedAt: string;
  agent: { id: string; name?: string | null; team?: string | null };
  customer?: { id?: string | null; name?: string | null } | null;
  queue?: string | null;
  turns: Turn[];
  events?: ConversationEvent[];
  survey?: Survey | null;
}
