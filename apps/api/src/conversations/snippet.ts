/** A piece of a turn around the first place the searched text occurs in it. */
export interface Snippet {
  turnIndex: number;
  /** The piece, with "…" where the turn goes on before or after it. */
  text: string;
  /** Where the searched text lies in `text`: [start, end), UTF-16 code units; null if not found. */
  match: [number, number] | null;
}

/** Characters of context kept on each side of the match. */
export const SNIPPET_CONTEXT = 60;

/**
 * The piece of `turnText` around the first case-insensitive occurrence of `searched`, cut at word
 * boundaries where there is one near, so that a result says why it matched without opening it.
 */
export function snippetAround(turnText: string, searched: string, turnIndex: number): Snippet {
  const needle = new RegExp(searched.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
  const found = needle.exec(turnText);
  if (!found) {
    const end = cutEnd(turnText, Math.min(turnText.length, 2 * SNIPPET_CONTEXT));
    return { turnIndex, text: turnText.slice(0, end) + (end < turnText.length ? '…' : ''), match: null };
  }
  const matchStart = found.index;
  const matchEnd = matchStart + found[0].length;
  const start = cutStart(turnText, Math.max(0, matchStart - SNIPPET_CONTEXT), matchStart);
  const end = cutEnd(turnText, Math.min(turnText.length, matchEnd + SNIPPET_CONTEXT), matchEnd);
  const before = start > 0 ? '…' : '';
  const text = before + turnText.slice(start, end) + (end < turnText.length ? '…' : '');
  const offset = before.length - start;
  return { turnIndex, text, match: [matchStart + offset, matchEnd + offset] };
}

/** Moves a cut forward to the start of the next word, never past `limit`. */
function cutStart(text: string, at: number, limit = text.length): number {
  if (at === 0) return 0;
  const space = text.indexOf(' ', at);
  return space === -1 || space + 1 > limit ? at : space + 1;
}

/** Moves a cut back to the end of the previous word, never before `limit`. */
function cutEnd(text: string, at: number, limit = 0): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  return space === -1 || space < limit ? at : space;
}
