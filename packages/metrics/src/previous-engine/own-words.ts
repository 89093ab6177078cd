/**
 * The agent's own words (METRICS.md v2): what the agent wrote or said in a turn, without what it
 * quotes. Left out are
 * - lines that begin with `>` (quoted replies),
 * - everything from a reply header ("On … wrote:", "-----Original Message-----", a "From: … Sent: …"
 *   block) or a signature delimiter line (`--`) to the end of the turn,
 * - text in quotation marks that repeats three or more consecutive words of an earlier customer turn.
 *
 * Left-out text is masked rather than cut, so that every offset into the result is an offset into the
 * input and evidence still points into the original text. The mask is a Unicode noncharacter (U+FDD0, reserved for internal use): neither a letter, a
 * digit nor white space: it counts as no word, ends no sentence and joins no phrase across it.
 */
import { foldApostrophes } from './text.ts';

export const MASK = '\uFDD0';

/** How many consecutive words of a customer turn a quotation must repeat to be the customer's words. */
const QUOTED_RUN_WORDS = 3;

/** From this line to the end of the turn, the text is someone else's (reply headers, signatures). */
const CUT_FROM_LINE = [
  /^\s*-{2,}\s*(?:original message|forwarded message)\s*-{2,}\s*$/i,
  /^\s*_{5,}\s*$/,
  /^--\s?$/,
  /^\s*on\b.{0,200}\bwrote:\s*$/i,
  /^\s*le\b.{0,200}\ba écrit\s*:\s*$/i,
];
/** "On Mon, 3 Nov 2025 at 09:12, Sam Lee <sam@example.com>" with "wrote:" on the next line. */
const ON_LINE = /^\s*on\b.{0,200}$/i;
const WROTE_LINE = /^.{0,200}\bwrote:\s*$/i;
const FROM_LINE = /^\s*from:\s*\S/i;
const HEADER_FIELD = /^\s*(?:sent|date|to|cc|subject):/i;

/** Quotation marks that enclose quoted text (straight and curly double quotes, guillemets). */
const QUOTATION = /"([^"\n]{1,2000})"|“([^”\n]{1,2000})”|«([^»\n]{1,2000})»/g;
const WORD = /[\p{L}\p{N}']+/gu;

/**
 * The turn's text with everything that is not the agent's own words replaced by `MASK` (line breaks
 * kept). `earlierCustomerTexts`: the customer's turns before this one, whose words a quotation repeats.
 */
export function ownWords(text: string, earlierCustomerTexts: readonly string[] = []): string {
  if (!mayQuote(text)) return text;
  const chars = [...text.split('')];
  maskLines(text, chars);
  maskQuotedCustomerText(text, chars, earlierCustomerTexts);
  return chars.join('');
}

/** Cheap test that lets the common turn through untouched. */
function mayQuote(text: string): boolean {
  return (
    text.includes('>') ||
    text.includes('"') ||
    text.includes('“') ||
    text.includes('«') ||
    text.includes('--') ||
    text.includes('__') ||
    /wrote:|a écrit|from:/i.test(text)
  );
}

function maskRange(chars: string[], start: number, end: number) {
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = MASK;
}

function maskLines(text: string, chars: string[]) {
  const lines: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ start, end: start + line.length, text: line.replace(/\r$/, '') });
    start += line.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as (typeof lines)[number];
    const next = lines[i + 1]?.text ?? '';
    const cutsHere =
      CUT_FROM_LINE.some((pattern) => pattern.test(line.text)) ||
      (ON_LINE.test(line.text) && !line.text.includes('wrote:') && WROTE_LINE.test(next)) ||
      (FROM_LINE.test(line.text) && lines.slice(i + 1, i + 4).some((l) => HEADER_FIELD.test(l.text)));
    if (cutsHere) {
      maskRange(chars, line.start, text.length);
      return;
    }
    if (/^\s*>/.test(line.text)) maskRange(chars, line.start, line.end);
  }
}

function maskQuotedCustomerText(text: string, chars: string[], customerTexts: readonly string[]) {
  if (customerTexts.length === 0) return;
  let runs: Set<string> | null = null;
  QUOTATION.lastIndex = 0;
  for (let m = QUOTATION.exec(text); m !== null; m = QUOTATION.exec(text)) {
    const quoted = m[1] ?? m[2] ?? m[3] ?? '';
    const quotedWords = wordsOf(quoted);
    if (quotedWords.length < QUOTED_RUN_WORDS) continue;
    runs ??= customerRuns(customerTexts);
    let repeats = false;
    for (let i = 0; i + QUOTED_RUN_WORDS <= quotedWords.length && !repeats; i++) {
      repeats = runs.has(quotedWords.slice(i, i + QUOTED_RUN_WORDS).join(' '));
    }
    if (repeats) maskRange(chars, m.index, m.index + m[0].length);
  }
}

function customerRuns(texts: readonly string[]): Set<string> {
  const runs = new Set<string>();
  for (const text of texts) {
    const words = wordsOf(text);
    for (let i = 0; i + QUOTED_RUN_WORDS <= words.length; i++) {
      runs.add(words.slice(i, i + QUOTED_RUN_WORDS).join(' '));
    }
  }
  return runs;
}

function wordsOf(text: string): string[] {
  return foldApostrophes(text.normalize('NFC')).toLowerCase().match(WORD) ?? [];
}
