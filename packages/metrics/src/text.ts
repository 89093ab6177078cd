/**
 * Text conventions of METRICS.md: words, sentences and the normal form phrases are compared in.
 * Every function here keeps character offsets into the original text, so evidence can be highlighted.
 */

/** Curly and modifier apostrophes that transcripts and chat clients produce instead of `'`. */
const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;

/** A word: a run of letters, digits and apostrophes (METRICS.md). */
const WORD = /[\p{L}\p{N}']+/gu;

/**
 * A link is one word and ends no sentence: its dots and `?` are not punctuation. Found on real
 * support replies, which mostly end with a help-centre link (docs/metrics-on-real-data.md).
 * Trailing punctuation belongs to the sentence, not the link.
 */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,!?;:)\]]/gi;

/**
 * The text with each link replaced by the word "link" and masked characters, offsets kept: a link is
 * one word, and nothing inside it (a "?" of its query, "Cache" in its path) is the agent's phrasing.
 */
export function maskLinks(text: string, mask: string): string {
  if (!text.includes('http') && !text.includes('www.')) return text;
  return text.replace(LINK, (link) => `link${mask.repeat(link.length - 4)}`);
}

/** What every LINK starts with, in any case: a cheap test before looking for links. */
const MAY_LINK = /http|www\./i;

function linkSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(text); m !== null; m = LINK.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/**
 * White space and the own-words mask (own-words.ts, U+FDD0): neither
 * belongs to a sentence's span. Tested by character code: a regex replace per sentence to trim it
 * cost more than finding the sentences.
 */
function isBlank(code: number): boolean {
  return isWhiteSpace(code) || code === 0xfdd0;
}

/** What `\s` matches in a regex, by character code. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
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

/** WORD on the unfolded text: folding maps each of these apostrophes to one `'`, a word character. */
const WORD_ANY_APOSTROPHE = /[\p{L}\p{N}'\u2018\u2019\u02bc\u2032]+/gu;

/** `words(text).length`, without building the words: the per-100-words metrics count every turn. */
export function countWords(text: string): number {
  if (text.includes('http') || text.includes('www.')) return words(text).length;
  // ASCII text, the common case, by character codes: its letters and digits are [A-Za-z0-9].
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return countWordsMatching(text);
    const isWordChar = isAsciiWordCode(code);
    if (isWordChar && !inWord) count++;
    inWord = isWordChar;
  }
  return count;
}

/** A word character (WORD) of ASCII text: its letters and digits are [A-Za-z0-9]. */
function isAsciiWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 39
  );
}

function countWordsMatching(text: string): number {
  let count = 0;
  WORD_ANY_APOSTROPHE.lastIndex = 0;
  while (WORD_ANY_APOSTROPHE.test(text)) count++;
  return count;
}

/** A sentence with its word count, which most readers of sentences need. */
export interface CountedSentence extends Span {
  words: number;
}

/** A loop, not `some` with an arrow: that made a closure at every dot of every turn. */
function inLink(links: readonly [number, number][], i: number): boolean {
  for (const [from, to] of links) if (i >= from && i < to) return true;
  return false;
}

/** Sentences of one turn with their spans; a sentence without a word is dropped as empty. */
export function sentences(text: string): Span[] {
  return countedSentences(text).map(({ start, end, text }) => ({ start, end, text }));
}

/** `sentences`, each with its word count. */
export function countedSentences(text: string): CountedSentence[] {
  const result: CountedSentence[] = [];
  const links = MAY_LINK.test(text) ? linkSpans(text) : [];
  // Where the text has no link and a sentence is ASCII, its words are counted as the sentence is read,
  // as `countWords` counts them: reading each sentence again cost as much as finding it.
  const mayLink = text.includes('http') || text.includes('www.');
  let counted = 0;
  let inWord = false;
  let ascii = true;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const atEnd = i === text.length;
    const code = atEnd ? 0 : text.charCodeAt(i);
    const isBreak = code === 10 || code === 13;
    if (!atEnd && !(isBreak || ((code === 46 || code === 33 || code === 63) && !inLink(links, i)))) {
      if (code >= 128) ascii = false;
      const isWordChar = isAsciiWordCode(code);
      if (isWordChar && !inWord) counted++;
      inWord = isWordChar;
      continue;
    }
    // The terminator belongs to its sentence, so "Could you check?" keeps its question mark.
    const end = atEnd || isBreak ? i : i + 1;
    let from = start;
    let to = end;
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    if (from < to) {
      const count = ascii && !mayLink ? counted : countWords(text.slice(from, to));
      if (count > 0) result.push({ start: from, end: to, text: text.slice(from, to), words: count });
    }
    counted = 0;
    inWord = false;
    ascii = true;
    start = i + 1;
  }
  return result;
}

/**
 * A text in a normal form with a way back to the original offsets: NFC (METRICS.md), or with
 * `stripAccents` also without combining marks, so that "Zoë" and "Zoe" compare equal. Each base
 * character and its marks are normalised together, so every output offset maps to the start of the
 * character it came from. `toOriginal` is null when nothing changed, the common case.
 */
export interface Normalised {
  text: string;
  toOriginal: ((offset: number) => number) | null;
}

const CHARACTER_WITH_MARKS = /\P{M}\p{M}*|\p{M}+/gsu;

/** Printable ASCII and line breaks: text in which NFC, NFD and accent stripping change nothing. */
const PLAIN_ASCII = /^[ -~\t\n\r]*$/;

export function normalised(text: string, stripAccents = false): Normalised {
  if (PLAIN_ASCII.test(text)) return { text, toOriginal: null };
  const whole = stripAccents ? text.normalize('NFD').replace(/\p{M}/gu, '') : text.normalize('NFC');
  if (whole === text) return { text, toOriginal: null };
  const starts: number[] = [];
  let out = '';
  CHARACTER_WITH_MARKS.lastIndex = 0;
  for (let m = CHARACTER_WITH_MARKS.exec(text); m !== null; m = CHARACTER_WITH_MARKS.exec(text)) {
    const piece = stripAccents ? m[0].normalize('NFD').replace(/\p{M}/gu, '') : m[0].normalize('NFC');
    for (let i = 0; i < piece.length; i++) starts.push(m.index);
    out += piece;
  }
  const length = text.length;
  return {
    text: out,
    toOriginal: (offset) => (offset < starts.length ? (starts[offset] as number) : length),
  };
}

/**
 * Sentence ends: `.`, `!`, `?` and line breaks (METRICS.md), by character code: a regex test per
 * character cost more than the count.
 */
export function isSentenceEnd(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 13 || code === 10;
}
