/**
 * Text conventions of METRICS.md: words, sentences and the normal form phrases are compared in.
 * Every function here keeps character offsets into the original text, so evidence can be highlighted.
 */

/** Curly and modifier apostrophes that transcripts and chat clients produce instead of `'`. */
const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;

/** A word: a run of letters, digits and apostrophes (METRICS.md). */
const WORD = /[\p{L}\p{N}']+/gu;

/** Sentence ends: `.`, `!`, `?` and line breaks (METRICS.md). */
const SENTENCE_END = /[.!?\r\n]/;

/**
 * A link is one word and ends no sentence: its dots and `?` are not punctuation. Found on real
 * support replies, which mostly end with a help-centre link (docs/metrics-on-real-data.md).
 * Trailing punctuation belongs to the sentence, not the link.
 */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,!?;:)\]]/gi;

function linkSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(text); m !== null; m = LINK.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export function foldApostrophes(text: string): string {
  return text.replace(CURLY_APOSTROPHES, "'");
}

/**
 * Lower-cased, apostrophes folded, white space collapsed. Folding is one character for one, so a
 * word count taken on the folded text is the count of the original ("can’t" is one word, not two).
 */
export function normalizePhrase(text: string): string {
  return foldApostrophes(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

export function words(text: string): string[] {
  const folded = foldApostrophes(text);
  const unlinked = folded.includes('http') || folded.includes('www.') ? folded.replace(LINK, 'link') : folded;
  return unlinked.match(WORD) ?? [];
}

export function countWords(text: string): number {
  return words(text).length;
}

/** Sentences of one turn with their spans; a sentence without a word is dropped as empty. */
export function sentences(text: string): Span[] {
  const result: Span[] = [];
  const links = linkSpans(text);
  const inLink = (i: number) => links.some(([from, to]) => i >= from && i < to);
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const atEnd = i === text.length;
    const char = text[i] ?? '';
    if (!atEnd && (!SENTENCE_END.test(char) || (char !== '\n' && char !== '\r' && inLink(i)))) continue;
    // The terminator belongs to its sentence, so "Could you check?" keeps its question mark.
    const end = atEnd || char === '\r' || char === '\n' ? i : i + 1;
    const raw = text.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (countWords(trimmed) > 0) {
      result.push({ start: start + leading, end: start + leading + trimmed.length, text: trimmed });
    }
    start = i + 1;
  }
  return result;
}
