import type { Archetype, DemoRoster, DemoTeamId } from '@rapport/demo/roster.ts';
import { addDays, type DayRange, daysBetween, type MetricId } from '@rapport/metrics';

/**
 * The demo's story beyond the conversations: who was coached on what and when, and which flags agents
 * contested. Pure: roster and period in, plan out; `story-writer.ts` stores it after the ingest.
 */

export interface PlannedSession {
  teamId: DemoTeamId;
  agentId: string;
  /** The team's demo supervisor, who holds the session. */
  supervisorEmail: string;
  focusMetrics: MetricId[];
  sessionDate: string;
  note: string;
  acknowledged: boolean;
}

export type PlannedDecision = 'open' | 'uphold' | 'reject';

export interface PlannedDispute {
  teamId: DemoTeamId;
  supervisorEmail: string;
  decision: PlannedDecision;
}

export interface StoryPlan {
  sessions: PlannedSession[];
  disputes: PlannedDispute[];
}

/**
 * What each character is coached on: the metrics its habits move (packages/demo/src/roster.ts,
 * ARCHETYPE_HABITS). The improver's are the habits that change most over the period, so its session
 * shows a before/after change.
 */
const FOCUS: Partial<Record<Archetype, { metrics: MetricId[]; note: string }>> = {
  improving: {
    metrics: ['empathyRate', 'personalizationRate', 'negativeLanguagePer100Words'],
    note: 'Listened to three calls together. Acknowledge how the customer feels before the fix, use their name, and say what you can do rather than what you cannot.',
  },
  'fast-interrupter': {
    metrics: ['interruptionsPerConversation', 'paraphraseRate'],
    note: 'Quick and accurate, but customers get cut off mid-sentence. Let them finish, then repeat the problem back before answering.',
  },
  declining: {
    metrics: ['empathyRate', 'argumentRate', 'negativeLanguagePer100Words'],
    note: 'Recent calls sound tired and defensive ("as I already said"). Talked about workload; agreed to flag overload early and to re-read the de-escalation guide.',
  },
  'jargon-user': {
    metrics: ['jargonPer100Words', 'avgSentenceWords'],
    note: 'Customers do not know what an RMA or tier 2 is. Plain words, short sentences; explain the term if you must use it.',
  },
  'empathetic-slow': {
    metrics: ['responseTimeMs', 'firstResponseMs'],
    note: 'Customers love the care, but wait too long for the first answer. Greet first, then look things up.',
  },
  scripted: {
    metrics: ['scriptReliance', 'personalizationRate'],
    note: 'The script is a safety net, not the conversation. Use the customer’s name and answer their words.',
  },
  'long-winded': {
    metrics: ['avgSentenceWords'],
    note: 'Explanations run on. One idea per sentence, then check the customer followed.',
  },
};

/** Decided disputes alternate upheld/rejected across the teams, so the demo shows both outcomes. */
const DECIDED: PlannedDecision[] = ['uphold', 'reject'];

/** The story for a roster over the demo period (inclusive days). */
export function planStory(roster: DemoRoster, period: DayRange): StoryPlan {
  const length = daysBetween(period.from, period.to);
  const early = addDays(period.from, Math.round(length / 3));
  const late = addDays(period.from, Math.round((length * 4) / 5));
  const sessions: PlannedSession[] = [];
  const disputes: PlannedDispute[] = [];
  roster.teams.forEach((team, i) => {
    const agents = roster.agents.filter((a) => a.team === team.id);
    // The improver where the team has one, else its first coachable character.
    const first =
      agents.find((a) => a.archetype === 'improving') ??
      agents.find((a) => a.archetype !== 'declining' && FOCUS[a.archetype]);
    if (first) sessions.push(session(team.id, team.supervisor.email, first.id, first.archetype, early, true));
    for (const decliner of agents.filter((a) => a.archetype === 'declining')) {
      sessions.push(session(team.id, team.supervisor.email, decliner.id, 'declining', late, false));
    }
    disputes.push(
      { teamId: team.id, supervisorEmail: team.supervisor.email, decision: 'open' },
      {
        teamId: team.id,
        supervisorEmail: team.supervisor.email,
        decision: DECIDED[i % DECIDED.length] as PlannedDecision,
      },
    );
  });
  return { sessions, disputes };
}

function session(
  teamId: DemoTeamId,
  supervisorEmail: string,
  agentId: string,
  archetype: Archetype,
  sessionDate: string,
  acknowledged: boolean,
): PlannedSession {
  const focus = FOCUS[archetype] ?? { metrics: [], note: '' };
  return {
    teamId,
    agentId,
    supervisorEmail,
    focusMetrics: focus.metrics,
    sessionDate,
    note: focus.note,
    acknowledged,
  };
}

/** A flag a demo agent could contest, as read from the stored evidence. */
export interface CandidateFlag {
  conversationId: string;
  agentId: string;
  teamId: string;
  metric: MetricId;
  turnIndex: number;
  start: number;
  end: number;
  text: string;
}

/** What the agent says about a flag of each metric the demo contests; other metrics are not contested. */
export const DISPUTE_COMMENTS: Partial<Record<MetricId, string>> = {
  negativeLanguagePer100Words:
    'I was quoting the policy the customer asked me to read out, not refusing them.',
  interruptionsPerConversation:
    'The customer had stopped talking and asked me to go ahead; the line was lagging.',
  jargonPer100Words:
    'The customer used this term first; I repeated it so we were talking about the same thing.',
  argumentRate: 'I was summarising what we had agreed, not arguing; the customer thanked me afterwards.',
  overpromiseRate: 'This is a documented guarantee in our terms, so the promise was accurate.',
};

/** What the supervisor notes when deciding. */
export const DECISION_NOTES: Record<'uphold' | 'reject', string> = {
  uphold: 'Listened to the call: the flag does not fit here. Dismissed.',
  reject: 'Listened to the call: the wording is what the metric is about. The flag stands.',
};

/**
 * Picks, for each planned dispute, a different contestable flag of the team's agents: the candidates
 * in the order given (the writer orders them by conversation), one flag per conversation so that an
 * upheld dispute's re-score touches no other demo dispute. Slots without a candidate are left out.
 */
export function chooseFlags(
  disputes: readonly PlannedDispute[],
  candidates: readonly CandidateFlag[],
): { dispute: PlannedDispute; flag: CandidateFlag; comment: string }[] {
  const used = new Set<string>();
  const chosen = [];
  for (const dispute of disputes) {
    const flag = candidates.find(
      (c) => c.teamId === dispute.teamId && !used.has(c.conversationId) && DISPUTE_COMMENTS[c.metric],
    );
    if (!flag) continue;
    used.add(flag.conversationId);
    chosen.push({ dispute, flag, comment: DISPUTE_COMMENTS[flag.metric] as string });
  }
  return chosen;
}
