import {
  type ConversationView,
  lexiconMatches,
  spokenAgentTurns,
  type TurnView,
} from './conversation-view.ts';
import { type Measure, measured, missingEvidence, NOT_APPLICABLE, share, turnEvidence } from './measure.ts';
import { sentences } from './text.ts';

/** A customer must still have at least this much left to say for an agent turn to cut in. */
const INTERRUPTION_MARGIN_MS = 500;

/** How many of the agent's first statements may hold the clarifying question (METRICS.md). */
const OPENING_AGENT_TURNS = 3;

/**
 * Agent turns (backchannels excluded) that start while a customer turn C is under way:
 * `C.startMs < A.startMs ≤ C.endMs − 500`. Linear: customer turns are swept in start order and only
 * the latest end among those already started matters.
 */
export function interruptingTurns(view: ConversationView): TurnView[] {
  const customers = view.customerTurns;
  const interrupting: TurnView[] = [];
  let next = 0;
  let latestCustomerEndMs = Number.NEGATIVE_INFINITY;
  for (const agent of view.agentTurns) {
    for (; next < customers.length; next++) {
      const customer = customers[next] as TurnView;
      if (customer.startMs >= agent.startMs) break;
      latestCustomerEndMs = Math.max(latestCustomerEndMs, customer.endMs);
    }
    if (!agent.isBackchannel && agent.startMs <= latestCustomerEndMs - INTERRUPTION_MARGIN_MS) {
      interrupting.push(agent);
    }
  }
  return interrupting;
}

/** "Don't interrupt": agent turns that cut into a customer turn, per voice conversation. */
export function interruptionsPerConversation(view: ConversationView): Measure {
  if (view.conversation.channel !== 'voice') return NOT_APPLICABLE;
  const interrupting = interruptingTurns(view);
  return measured(
    interrupting.length,
    1,
    interrupting.map((t) => turnEvidence('interruptionsPerConversation', t)),
  );
}

/** "Listen actively": the agent's share of the talk time of a voice conversation. */
export function talkRatio(view: ConversationView): Measure {
  if (view.conversation.channel !== 'voice') return NOT_APPLICABLE;
  const agentTalkMs = talkMs(view.agentTurns);
  const customerTalkMs = talkMs(view.customerTurns);
  const totalMs = agentTalkMs + customerTalkMs;
  return totalMs > 0 ? measured(agentTalkMs, totalMs) : NOT_APPLICABLE;
}

function talkMs(turns: readonly TurnView[]): number {
  return turns.reduce((sum, t) => sum + Math.max(0, t.endMs - t.startMs), 0);
}

/** "Listen actively": the agent repeats back what the customer said to confirm understanding. */
export function paraphraseRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  const [firstStatement] = spoken;
  if (!firstStatement) return NOT_APPLICABLE;
  if (lexiconMatches(view, 'paraphrase', spoken).length > 0) return share(true);
  return share(false, [
    missingEvidence(
      'paraphraseRate',
      firstStatement,
      'Just to confirm, you’re saying that… — is that right?',
    ),
  ]);
}

/**
 * "Don't make assumptions": one of the agent's first three turns asks a question. Backchannels are not
 * counted among the three, so an agent who says "mm-hmm" while listening is not penalised for it.
 */
export function clarifyingQuestionRate(view: ConversationView): Measure {
  const opening = spokenAgentTurns(view).slice(0, OPENING_AGENT_TURNS);
  const [firstStatement] = opening;
  if (!firstStatement) return NOT_APPLICABLE;
  const asks = opening.some((turn) => sentences(turn.text).some((s) => s.text.endsWith('?')));
  if (asks) return share(true);
  return share(false, [
    missingEvidence('clarifyingQuestionRate', firstStatement, 'Could you tell me a bit more about…?'),
  ]);
}
