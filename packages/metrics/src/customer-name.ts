import { foldApostrophes, normalised, type Span } from './text.ts';

/** Titles that come before a name and are not the name the agent should use. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam']);

/** Words after which a name is being used to address someone: "Hi Will", "Thanks, Will". */
const GREETING_BEFORE =
  /(?:^|[^\p{L}\p{N}'])(?:hi|hello|hey|dear|morning|afternoon|evening|welcome|thanks|thank you|sorry|bye|goodbye|cheers)[\s,!.]*$/iu;
const SENTENCE_START_BEFORE = /(?:^|[.!?\r\n])[\s"'“‘(]*$/u;
const PUNCTUATION_OR_END_AFTER = /^\s*(?:[,.!?;:]|$)/u;
const COMMA_AFTER = /^\s*,/u;
/** How far around a name the context rules look: enough for "thank you, " and some spacing. */
const CONTEXT_CHARS = 24;

/** The first name to look for: the first word of the name that is not a title ("Dr. Ana Ruiz" → "Ana"). */
export function customerFirstName(name: string | null | undefined): string | null {
  const tokens = (name ?? '')
    .trim()
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((token) => token !== '');
  return tokens.find((token) => !HONORIFICS.has(token.toLowerCase())) ?? null;
}

/**
 * Where the text addresses the customer by first name, compared case- and accent-insensitively
 * ("Zoe" is "Zoë", a decomposed "José" is "José"). Many first names are also common words ("Will",
 * "May", "Grace", "Bill"), so a bare match is not enough: the name must be used as a name. It counts
 * when it is
 * - written with a capital inside a sentence ("Sure, Will." — not "Will that work?"), or
 * - right after a greeting or thanks, capitalised or followed by punctuation ("hi will,", not
 *   "thanks, will do"), or
 * - opening a sentence and followed by a comma ("Will, could you…").
 * Spans are offsets into the given text.
 */
export function nameUses(text: string, firstName: string): Span[] {
  const folded = normalised(foldApostrophes(text), true);
  const haystack = folded.text;
  const toOriginal = folded.toOriginal ?? ((offset: number) => offset);
  const pattern = namePattern(normalised(foldApostrophes(firstName), true).text);
  const uses: Span[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(haystack); match !== null; match = pattern.exec(haystack)) {
    // A bounded window keeps this linear when the name occurs many times ("will" in a long email).
    // A cut window starts with a letter so that its cut edge never reads as a text or word start.
    const windowStart = Math.max(0, match.index - CONTEXT_CHARS);
    const before = (windowStart > 0 ? 'x' : '') + haystack.slice(windowStart, match.index);
    const after = haystack.slice(
      match.index + match[0].length,
      match.index + match[0].length + CONTEXT_CHARS,
    );
    const capitalised = match[0][0] !== match[0][0]?.toLowerCase();
    const atSentenceStart = SENTENCE_START_BEFORE.test(before);
    const used =
      (capitalised && !atSentenceStart) ||
      (GREETING_BEFORE.test(before) && (capitalised || PUNCTUATION_OR_END_AFTER.test(after))) ||
      (atSentenceStart && COMMA_AFTER.test(after));
    if (used) {
      const start = toOriginal(match.index);
      const end = toOriginal(match.index + match[0].length);
      uses.push({ start, end, text: text.slice(start, end) });
    }
  }
  return uses;
}

// Compiled once per name: the same customer's name is looked for in every agent turn.
const namePatterns = new Map<string, RegExp>();

function namePattern(firstName: string): RegExp {
  let pattern = namePatterns.get(firstName);
  if (!pattern) {
    pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeName(foldApostrophes(firstName))}(?![\\p{L}\\p{N}])`,
      'giu',
    );
    if (namePatterns.size > 10_000) namePatterns.clear();
    namePatterns.set(firstName, pattern);
  }
  return pattern;
}

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
