import { foldApostrophes } from './text.ts';

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
 * Whether the text addresses the customer by first name. Many first names are also common words
 * ("Will", "May", "Grace", "Bill"), so a bare match is not enough: the name must be used as a name.
 * It counts when it is
 * - written with a capital inside a sentence ("Sure, Will." — not "Will that work?"), or
 * - right after a greeting or thanks, capitalised or followed by punctuation ("hi will,", not
 *   "thanks, will do"), or
 * - opening a sentence and followed by a comma ("Will, could you…").
 */
export function addressesByName(text: string, firstName: string): boolean {
  const folded = foldApostrophes(text);
  const pattern = namePattern(firstName);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
    // A bounded window keeps this linear when the name occurs many times ("will" in a long email).
    // A cut window starts with a letter so that its cut edge never reads as a text or word start.
    const windowStart = Math.max(0, match.index - CONTEXT_CHARS);
    const before = (windowStart > 0 ? 'x' : '') + folded.slice(windowStart, match.index);
    const after = folded.slice(match.index + match[0].length, match.index + match[0].length + CONTEXT_CHARS);
    const capitalised = match[0][0] !== match[0][0]?.toLowerCase();
    const atSentenceStart = SENTENCE_START_BEFORE.test(before);
    if (capitalised && !atSentenceStart) return true;
    if (GREETING_BEFORE.test(before) && (capitalised || PUNCTUATION_OR_END_AFTER.test(after))) return true;
    if (atSentenceStart && COMMA_AFTER.test(after)) return true;
  }
  return false;
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
