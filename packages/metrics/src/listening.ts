import type { ConversationView, TurnView } from './conversation-view.ts';
import { type Measure, measured, NOT_APPLICABLE, turnEvidence } from './measure.ts';

/** A customer must still have at least this much left to say for an agent turn to cut in. */
const INTERRUPTION_MARGIN_MS = 500;

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
