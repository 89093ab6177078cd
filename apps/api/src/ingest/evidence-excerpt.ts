import type { ConversationResult, Dismissal } from '@rapport/metrics';

/**
 * The most characters of quoted text that an evidence row keeps. A flag on a phrase quotes the phrase;
 * a flag on a whole turn (an interruption, a behaviour that is missing) would otherwise store the turn a
 * second time for every flag on it. The span (start, end) still marks the whole turn, and the turn
 * itself is stored once, so a reader that needs all of it (the transcript) reads the turn.
 */
export const EVIDENCE_TEXT_MAX_CHARS = 240;

/** The text as an evidence row stores it: whole when short, else its start, cut at a word, and "…". */
export function evidenceExcerpt(text: string): string {
  if (text.length <= EVIDENCE_TEXT_MAX_CHARS) return text;
  const head = text.slice(0, EVIDENCE_TEXT_MAX_CHARS - 1);
  const lastSpace = head.lastIndexOf(' ');
  return `${(lastSpace > EVIDENCE_TEXT_MAX_CHARS / 2 ? head.slice(0, lastSpace) : head).trimEnd()}…`;
}

/** The engine's result with every evidence text as stored: what disputes quote and dismissals compare. */
export function withEvidenceExcerpts(result: ConversationResult): ConversationResult {
  if (result.evidence.every((e) => e.text.length <= EVIDENCE_TEXT_MAX_CHARS)) return result;
  return { ...result, evidence: result.evidence.map((e) => ({ ...e, text: evidenceExcerpt(e.text) })) };
}

/** A dismissal quoting a whole long turn (stored before excerpts) still names the same flag. */
export function withExcerptText(dismissal: Dismissal): Dismissal {
  return dismissal.text === undefined ? dismissal : { ...dismissal, text: evidenceExcerpt(dismissal.text) };
}
