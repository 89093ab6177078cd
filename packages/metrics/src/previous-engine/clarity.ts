import { agentWordCount, type ConversationView, lexiconMatches } from './conversation-view.ts';
import { type Measure, measured, NOT_APPLICABLE, spanEvidence } from './measure.ts';

/** Sentences longer than this are flagged (METRICS.md: better ≤ 20 words). */
export const LONG_SENTENCE_WORDS = 20;

/** "Avoid jargon": jargon matches per 100 agent words, each with a plain-language alternative. */
export function jargonPer100Words(view: ConversationView): Measure {
  const words = agentWordCount(view);
  if (words === 0) return NOT_APPLICABLE;
  const found = lexiconMatches('jargon', view.agentTurns);
  return measured(
    100 * found.length,
    words,
    found.map(({ turn, match }) =>
      spanEvidence('jargonPer100Words', 'flag', turn, match, match.entry.suggestion),
    ),
  );
}

/** "Be clear and concise": mean words per agent sentence; sentences over 20 words are evidence. */
export function avgSentenceWords(view: ConversationView): Measure {
  let words = 0;
  let count = 0;
  const evidence = [];
  for (const turn of view.agentTurns) {
    for (const sentence of turn.sentences) {
      const sentenceWords = sentence.words;
      words += sentenceWords;
      count += 1;
      if (sentenceWords > LONG_SENTENCE_WORDS)
        evidence.push(spanEvidence('avgSentenceWords', 'flag', turn, sentence));
    }
  }
  return count === 0 ? NOT_APPLICABLE : measured(words, count, evidence);
}
