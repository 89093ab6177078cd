import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';

/**
 * Sentiment of a short customer text in [−1, 1], from wink-nlp with its English lite web model.
 *
 * Why this library: it runs in-process without I/O, is deterministic, and handles negation ("not
 * helpful at all" scores below 0), which a plain word list does not.
 *
 * Its limits, which the numbers inherit:
 * - lexicon-based (AFINN-style word scores and emoji), English only; other languages score near 0;
 * - no sarcasm, irony or domain sense ("great, down again" reads positive; "charge" is neutral);
 * - very short texts swing hard: "ok" alone scores about +0.75, so one-word turns say little;
 * - mixed texts average out ("The agent was rude and slow. But the issue got fixed quickly, thank
 *   you." scores 0).
 * It is therefore only used where a text is the customer's own verdict: survey comments and the
 * first and last customer turns, and read in aggregate, never as a judgement of one conversation.
 */
export function sentiment(text: string): number {
  if (text.trim() === '') return 0;
  const nlp = pipeline();
  const score = nlp.readDoc(text).out(nlp.its.sentiment);
  return Math.max(-1, Math.min(1, Number(score) || 0));
}

let loaded: WinkMethods | null = null;

/** Loaded on first use: the model is a few MB and most callers never need it. */
function pipeline(): WinkMethods {
  loaded ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return loaded;
}
