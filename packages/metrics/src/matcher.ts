import type { LexiconEntry } from './lexicons/types.ts';
import { normalizePhrase } from './text.ts';

export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
  entry: LexiconEntry;
}

export interface PhraseMatcher {
  /** Every non-overlapping match, left to right; the longest phrase wins where two start together. */
  matchAll(text: string): PhraseMatch[];
}

/** Letters and digits: a phrase must not touch one on either side ("thanks" ≠ "thanksgiving"). */
const BEFORE_BOUNDARY = '(?<![\\p{L}\\p{N}])';
const AFTER_BOUNDARY = '(?![\\p{L}\\p{N}])';

const compiledMatchers = new WeakMap<readonly LexiconEntry[], PhraseMatcher>();
const compiledWholeTexts = new WeakMap<readonly LexiconEntry[], { set: Set<string>; maxWords: number }>();

/**
 * One alternation regex per lexicon, compiled once per entry list. It runs on the original text
 * (case-insensitive, apostrophe and white-space classes) rather than on a normalised copy, so the
 * match offsets are the offsets the UI highlights.
 */
export function phraseMatcher(entries: readonly LexiconEntry[]): PhraseMatcher {
  const cached = compiledMatchers.get(entries);
  if (cached) return cached;
  const byNormalForm = new Map<string, LexiconEntry>();
  for (const entry of entries) {
    const key = normalizePhrase(entry.phrase);
    if (key && !byNormalForm.has(key)) byNormalForm.set(key, entry);
  }
  // Longest first: at one position the engine takes the first alternative that fits.
  const keys = [...byNormalForm.keys()].sort((a, b) => b.length - a.length);
  const regex =
    keys.length === 0
      ? null
      : new RegExp(`${BEFORE_BOUNDARY}(?:${keys.map(phrasePattern).join('|')})${AFTER_BOUNDARY}`, 'giu');
  const matcher: PhraseMatcher = {
    matchAll(text) {
      if (!regex) return [];
      const matches: PhraseMatch[] = [];
      // An exec loop on the one compiled regex: String#matchAll clones the regex on every call, which
      // cost four times the matching itself on short turns.
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        const entry = byNormalForm.get(normalizePhrase(m[0]));
        if (entry) matches.push({ start: m.index, end: m.index + m[0].length, text: m[0], entry });
      }
      return matches;
    },
  };
  compiledMatchers.set(entries, matcher);
  return matcher;
}

/**
 * Whether the whole text, punctuation ignored, is one or more of the phrases ("Okay, got it." is,
 * "Okay, let me check" is not). Used for backchannels. A word-level walk rather than a regex: phrases
 * that share words ("mm", "mm hmm") would make a repeated regex group backtrack exponentially.
 */
export function isWholeTextOf(entries: readonly LexiconEntry[], text: string): boolean {
  let phrases = compiledWholeTexts.get(entries);
  if (!phrases) {
    const set = new Set(entries.map((e) => wordsOnly(e.phrase)).filter(Boolean));
    phrases = { set, maxWords: Math.max(0, ...[...set].map((p) => p.split(' ').length)) };
    compiledWholeTexts.set(entries, phrases);
  }
  const tokens = wordsOnly(text).split(' ').filter(Boolean);
  if (tokens.length === 0) return false;
  // covered[i]: the first i words are a sequence of phrases. Linear: a phrase spans at most maxWords.
  const covered = [true, ...tokens.map(() => false)];
  for (let end = 1; end <= tokens.length; end++) {
    for (let start = Math.max(0, end - phrases.maxWords); start < end && !covered[end]; start++) {
      covered[end] = covered[start] === true && phrases.set.has(tokens.slice(start, end).join(' '));
    }
  }
  return covered[tokens.length] === true;
}

/** Lower-cased words separated by single spaces; every other character (hyphens included) is dropped. */
function wordsOnly(text: string): string {
  return normalizePhrase(text)
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

function phrasePattern(normalized: string): string {
  return escapeRegExp(normalized).replace(/'/g, "['\\u2018\\u2019\\u02bc\\u2032]").replace(/ /g, '\\s+');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
