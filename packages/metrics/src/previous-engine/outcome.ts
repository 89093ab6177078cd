import type { ConversationView } from './conversation-view.ts';
import { type Measure, measured, NOT_APPLICABLE, share } from './measure.ts';
import { sentiment } from './sentiment.ts';

const CSAT_MIN = 1;
const CSAT_MAX = 5;

/** Customer satisfaction: the survey's CSAT score (1–5), where there is one. */
export function csat(view: ConversationView): Measure {
  const score = view.conversation.survey?.csat;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < CSAT_MIN || score > CSAT_MAX) {
    return NOT_APPLICABLE;
  }
  return measured(score, 1);
}

/** Customer satisfaction: sentiment in [−1, 1] of a non-empty survey comment. */
export function feedbackSentiment(view: ConversationView): Measure {
  const comment = view.conversation.survey?.comment?.trim();
  return comment ? measured(sentiment(comment), 1) : NOT_APPLICABLE;
}

/** Customer satisfaction: sentiment of the customer's last turn minus that of the first (≥ 2 turns). */
export function customerSentimentShift(view: ConversationView): Measure {
  const first = view.customerTurns[0];
  const last = view.customerTurns.at(-1);
  if (!first || !last || first === last) return NOT_APPLICABLE;
  return measured(sentiment(last.text) - sentiment(first.text), 1);
}

/** "Provide prompt solutions": the conversation has a `resolved` event. */
export function resolutionRate(view: ConversationView): Measure {
  // Without an events field the outcome is unknown; an empty list means known and unresolved.
  if (view.conversation.events === undefined) return NOT_APPLICABLE;
  return share(view.conversation.events.some((e) => e.type === 'resolved'));
}
