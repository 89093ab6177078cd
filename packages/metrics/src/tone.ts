import {
  agentWordCount,
  type ConversationView,
  lexiconMatches,
  spokenAgentTurns,
} from './conversation-view.ts';
import { customerFirstName, nameUses } from './customer-name.ts';
import {
  creditEvidence,
  type Measure,
  measured,
  missingEvidence,
  NOT_APPLICABLE,
  share,
  spanEvidence,
} from './measure.ts';

/** "Show empathy": at least one empathy phrase by the agent; every one is credited. */
export function empathyRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  const [firstStatement] = spoken;
  if (!firstStatement) return NOT_APPLICABLE;
  // "If I understand correctly" confirms facts: the empathy exceptions leave its "I understand" out.
  const empathic = lexiconMatches('empathy', spoken);
  if (empathic.length > 0) {
    return share(
      true,
      empathic.map(({ turn, match }) => creditEvidence('empathyRate', turn, match)),
    );
  }
  return share(false, [
    missingEvidence('empathyRate', firstStatement, 'I understand how frustrating that must be.'),
  ]);
}

/**
 * "Stay positive": negative-language matches per 100 agent words, each with a positive rephrasing.
 * Matches in one sentence count once: "Unfortunately, we can't" is one refusal.
 */
export function negativeLanguagePer100Words(view: ConversationView): Measure {
  const words = agentWordCount(view);
  if (words === 0) return NOT_APPLICABLE;
  const found = lexiconMatches('negativeLanguage', view.agentTurns);
  const seen = new Set<string>();
  const counted = found.filter(({ turn, match }) => {
    const key = `${turn.index}:${turn.sentences.findIndex((sentence) => sentence.end > match.start)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return measured(
    100 * counted.length,
    words,
    counted.map(({ turn, match }) =>
      spanEvidence('negativeLanguagePer100Words', 'flag', turn, match, match.entry.suggestion),
    ),
  );
}

/** "Don't argue": at least one argumentative, blaming or personal phrase by the agent. */
export function argumentRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  if (spoken.length === 0) return NOT_APPLICABLE;
  const found = lexiconMatches('argument', spoken);
  return share(
    found.length > 0,
    found.map(({ turn, match }) => spanEvidence('argumentRate', 'flag', turn, match, match.entry.suggestion)),
  );
}

/** "Thank the customer": at least one thanks by the agent; a miss points at the agent's closing turn. */
export function thankRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  const closing = spoken.at(-1);
  if (!closing) return NOT_APPLICABLE;
  // A backchannel can hold a thanks ("Okay, thanks."); it still thanks the customer.
  const thanks = lexiconMatches('thanks', view.agentTurns);
  if (thanks.length > 0) {
    return share(
      true,
      thanks.map(({ turn, match }) => creditEvidence('thankRate', turn, match)),
    );
  }
  return share(false, [
    missingEvidence('thankRate', closing, 'Thank you for bringing this to our attention.'),
  ]);
}

/** "Personalize": among conversations with a known name, the agent uses the customer's first name. */
export function personalizationRate(view: ConversationView): Measure {
  const firstName = customerFirstName(view.conversation.customer?.name);
  const spoken = spokenAgentTurns(view);
  const [greeting] = spoken;
  if (!firstName || !greeting) return NOT_APPLICABLE;
  const uses = view.agentTurns.flatMap((turn) =>
    nameUses(turn.own, firstName).map((span) => creditEvidence('personalizationRate', turn, span)),
  );
  if (uses.length > 0) return share(true, uses);
  return share(false, [missingEvidence('personalizationRate', greeting, `Hi ${firstName}, …`)]);
}
