import { type ConversationView, eventTimes, lexiconMatches, spokenAgentTurns } from './conversation-view.ts';
import {
  creditEvidence,
  type Measure,
  measured,
  missingEvidence,
  NOT_APPLICABLE,
  share,
  spanEvidence,
} from './measure.ts';
import { reachesScript, scriptLibrary, wordSet } from './scripts.ts';

const FOLLOW_UP_WINDOW_MS = 72 * 3_600_000;
/** Sentences shorter than this are too generic ("How can I help you?") to say anything about scripts. */
const SCRIPT_MIN_WORDS = 5;
const SCRIPT_MIN_SIMILARITY = 0.8;
/** How many of the agent's statements before a transfer may hold its explanation (METRICS.md). */
const STATEMENTS_BEFORE_TRANSFER = 3;

/** "Follow up": a `follow_up` event after the conversation ended and at most 72 h after it. */
export function followUpRate(view: ConversationView): Measure {
  // A log without an events field says nothing about follow-ups: no data, not a miss.
  if (view.conversation.events === undefined) return NOT_APPLICABLE;
  const endedAt = Date.parse(view.conversation.endedAt);
  if (!Number.isFinite(endedAt)) return NOT_APPLICABLE;
  const deadline = endedAt + FOLLOW_UP_WINDOW_MS;
  const followedUp = eventTimes(view, 'follow_up').some((at) => at > endedAt && at <= deadline);
  if (!followedUp && stillOpen(view, deadline)) return NOT_APPLICABLE;
  return share(followedUp);
}

/**
 * "Don't transfer without explanation": among `transfer` events, those where none of the agent's last
 * three statements before the transfer explains it. Backchannels are not statements: an "okay" must
 * not push the explanation given just before it out of the three.
 */
export function transferWithoutExplanationRate(view: ConversationView): Measure {
  const transfers = eventTimes(view, 'transfer');
  if (transfers.length === 0) return NOT_APPLICABLE;
  const startedAt = Date.parse(view.conversation.startedAt);
  const spoken = spokenAgentTurns(view);
  let unexplained = 0;
  const evidence = [];
  for (const transferAt of transfers) {
    const before = spoken.filter((turn) => turn.startMs < transferAt - startedAt);
    const lastStatements = before.slice(-STATEMENTS_BEFORE_TRANSFER);
    const explanations = lexiconMatches('transferExplanation', lastStatements);
    if (explanations.length > 0) {
      evidence.push(
        ...explanations.map(({ turn, match }) =>
          creditEvidence('transferWithoutExplanationRate', turn, match),
        ),
      );
      continue;
    }
    unexplained += 1;
    // With no agent turn before the transfer there is nothing to highlight; the count still holds.
    const lastStatement = lastStatements.at(-1);
    if (lastStatement) {
      evidence.push(
        missingEvidence(
          'transferWithoutExplanationRate',
          lastStatement,
          'I’m going to connect you with our specialist team, who can sort this out for you.',
        ),
      );
    }
  }
  return measured(unexplained, transfers.length, evidence);
}

/** "Don't overpromise": at least one absolute-promise phrase by the agent. */
export function overpromiseRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  if (spoken.length === 0) return NOT_APPLICABLE;
  const found = lexiconMatches('absolutePromise', spoken);
  return share(
    found.length > 0,
    found.map(({ turn, match }) =>
      spanEvidence('overpromiseRate', 'flag', turn, match, match.entry.suggestion),
    ),
  );
}

/**
 * "Don't overpromise": among `promise` events, those kept, i.e. followed by a `follow_up` or `resolved`
 * event at or before `dueAt`. A promise without a readable `dueAt` cannot be judged and is left out.
 */
export function promiseKeptRate(view: ConversationView): Measure {
  const keptAt = [...eventTimes(view, 'follow_up'), ...eventTimes(view, 'resolved')];
  let judged = 0;
  let kept = 0;
  for (const promise of view.conversation.events ?? []) {
    if (promise.type !== 'promise') continue;
    const dueAt = Date.parse(promise.dueAt ?? '');
    if (!Number.isFinite(dueAt)) continue;
    const isKept = keptAt.some((at) => at <= dueAt);
    if (!isKept && stillOpen(view, dueAt)) continue;
    judged += 1;
    if (isKept) kept += 1;
  }
  return judged === 0 ? NOT_APPLICABLE : measured(kept, judged);
}

/**
 * "Ask for feedback": the agent asks or invites the customer to rate or comment on the service, or a
 * survey was sent. Every request is credited.
 */
export function feedbackRequestRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  const requests = lexiconMatches('feedbackRequest', spoken).map(({ turn, match }) =>
    creditEvidence('feedbackRequestRate', turn, match),
  );
  const surveySent = (view.conversation.events ?? []).some((e) => e.type === 'survey_sent');
  if (surveySent || requests.length > 0) return share(true, requests);
  const closing = spoken.at(-1);
  if (!closing) return NOT_APPLICABLE;
  return share(false, [
    missingEvidence('feedbackRequestRate', closing, 'How did I do today? Any feedback helps us improve.'),
  ]);
}

/**
 * "Don't rely solely on scripts": share of agent sentences of ≥ 5 words whose word set has a Jaccard
 * similarity ≥ 0.8 with a line of the organisation's script library. Scripted sentences are evidence.
 */
export function scriptReliance(view: ConversationView): Measure {
  if (!view.options.scripts) return NOT_APPLICABLE;
  const library = scriptLibrary(view.options.scripts, SCRIPT_MIN_SIMILARITY);
  if (library.lines.length === 0) return NOT_APPLICABLE;
  let judged = 0;
  const evidence = [];
  for (const turn of view.agentTurns) {
    for (const sentence of turn.sentences) {
      if (sentence.words < SCRIPT_MIN_WORDS) continue;
      judged += 1;
      if (reachesScript(library, wordSet(sentence.text))) {
        evidence.push(spanEvidence('scriptReliance', 'flag', turn, sentence));
      }
    }
  }
  return judged === 0 ? NOT_APPLICABLE : measured(evidence.length, judged, evidence);
}

/** A deadline that has not passed at `now` (options) is still open; without `now`, all are closed. */
function stillOpen(view: ConversationView, deadline: number): boolean {
  const now = Date.parse(view.options.now ?? '');
  return Number.isFinite(now) && now < deadline;
}
