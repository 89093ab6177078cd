import type { EntryContext, LexiconEntry } from './lexicons/types.ts';
import { MASK } from './own-words.ts';
import { foldApostrophes, isSentenceEnd, normalizePhrase } from './text.ts';

export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
  entry: LexiconEntry;
}

/** What a matcher is compiled from: a lexicon's entries in force, its exceptions and its gloss rule. */
export interface MatcherSpec {
  entries: readonly LexiconEntry[];
  exceptions: readonly string[];
  glossedDoesNotCount?: boolean;
}

/** The phrases of a lexicon that start with one first-word key (`firstWordKey`), or all of them. */
export interface PhraseGroup {
  /** The sticky regex of those that can match before `next` (see `Candidate.next`); null for none. */
  regexFor(next: string | undefined): RegExp | null;
}

/** An offset where a phrase of the group may start. */
export interface Candidate {
  at: number;
  group: PhraseGroup;
  /**
   * What follows the key's word where that is known: a space and the next word (lower-cased ASCII)
   * after a separator (white space, or one comma in white space), or `'` and the next word right
   * after an apostrophe ("I'm"); `''` where neither follows.
   */
  next: string | undefined;
}

export interface PhraseMatcher {
  /**
   * Every match that counts, left to right: non-overlapping (the longest phrase wins where two start
   * together), none inside an exception, each in its context, adjacent terms joined into one.
   */
  matchAll(text: string): PhraseMatch[];
  /**
   * The same as `matchAll`, trying the phrases only at `candidates` (ascending offsets): every offset
   * where one of them may start, with the first word there (`firstWordKey`), or null to try them all
   * (lexicon-set.ts finds the candidates of every lexicon in one pass).
   */
  matchAt(text: string, candidates: readonly Candidate[]): PhraseMatch[];
  /** The phrases starting with a first-word key, or all of them under null (for `matchAt`). */
  group(key: string | null): PhraseGroup;
  /** The phrases as compared (lower-cased, apostrophes folded, white space single). */
  phrases: readonly string[];
}

/**
 * Letters, digits and apostrophes make a word (METRICS.md), so a phrase must not touch one on either
 * side: "thanks" ≠ "thanksgiving", and "i hear you" is not found in "I hear you're moving".
 */
const BEFORE_BOUNDARY = "(?<![\\p{L}\\p{N}'’])";
const AFTER_BOUNDARY = "(?![\\p{L}\\p{N}]|['’][\\p{L}])";

const compiledMatchers = new WeakMap<readonly LexiconEntry[], WeakMap<readonly string[], PhraseMatcher>>();
/** Backchannel lists: their phrases, the most words of one, and every word of any. */
const compiledWholeTexts = new WeakMap<
  readonly LexiconEntry[],
  { set: Set<string>; maxWords: number; words: Set<string> }
>();

/**
 * One alternation regex per lexicon and one for its exceptions, compiled once per configuration. They
 * run on the original text (case-insensitive, apostrophe and white-space classes) rather than on a
 * normalised copy, so the match offsets are the offsets the UI highlights. Context rules then read
 * only the match's own sentence: linear in the text.
 */
export function phraseMatcher(spec: MatcherSpec): PhraseMatcher {
  let byExceptions = compiledMatchers.get(spec.entries);
  if (!byExceptions) {
    byExceptions = new WeakMap();
    compiledMatchers.set(spec.entries, byExceptions);
  }
  const cached = byExceptions.get(spec.exceptions);
  if (cached) return cached;
  const byNormalForm = new Map<string, LexiconEntry>();
  for (const entry of spec.entries) {
    const key = phraseKey(entry.phrase);
    if (key && !byNormalForm.has(key)) byNormalForm.set(key, entry);
  }
  const phrases = longestFirst([...byNormalForm.keys()]);
  const regex = phrases.length === 0 ? null : bounded(phrases, 'giu');
  const group = phraseGroups(phrases);
  const exceptionPhrases = longestFirst(spec.exceptions.map(phraseKey).filter(Boolean));
  const exceptionRegex = exceptionPhrases.length === 0 ? null : bounded(exceptionPhrases, 'giu');
  const counting = (text: string, spans: { start: number; end: number }[]): PhraseMatch[] => {
    const found: PhraseMatch[] = [];
    for (const { start, end } of spans) {
      const matched = text.slice(start, end);
      const entry = byNormalForm.get(phraseKey(matched));
      if (entry) found.push({ start, end, text: matched, entry });
    }
    if (found.length === 0) return found;
    const exceptions = exceptionRegex ? execAll(exceptionRegex, text) : [];
    const counted = found.filter(
      (m) =>
        !exceptions.some((x) => x.start < m.end && m.start < x.end) && inContext(text, m, m.entry.context),
    );
    const joined = joinAdjacent(text, counted);
    return spec.glossedDoesNotCount ? joined.filter((m) => !isGlossed(text, m, joined)) : joined;
  };
  const matcher: PhraseMatcher = {
    matchAll: (text) => (regex ? counting(text, execAll(regex, text)) : []),
    matchAt: (text, candidates) => (regex ? counting(text, execAt(text, candidates)) : []),
    group,
    phrases,
  };
  byExceptions.set(spec.exceptions, matcher);
  return matcher;
}

/** The form a phrase and its matched text are compared in: a comma between words is a space. */
function phraseKey(text: string): string {
  return normalizePhrase(text).replace(/\s*,\s*/g, ' ');
}

/** Longest first: at one position the regex takes the first alternative that fits. */
function longestFirst(normalizedPhrases: readonly string[]): string[] {
  return [...new Set(normalizedPhrases)].sort((a, b) => b.length - a.length);
}

/** The phrases as one alternation on word boundaries (see BEFORE_BOUNDARY), in the order given. */
function bounded(phrases: readonly string[], flags: string): RegExp {
  return new RegExp(`${BEFORE_BOUNDARY}(?:${phrases.map(phrasePattern).join('|')})${AFTER_BOUNDARY}`, flags);
}

const ASCII_WORD_START = /^[a-z0-9]+/;
const ASCII_PUNCTUATION = /^[!-&(-/:-@[-`{-~]/;

/**
 * What a phrase starts with, as the text's words are keyed: its first word where that is ASCII
 * letters and digits followed by no other letter or digit, after one ASCII punctuation mark where
 * the phrase starts with one (".msi"); a lone mark where no word follows it; null where the text's
 * words cannot tell (a first word with other letters, a leading apostrophe). A phrase regex matches
 * only after a non-word character and its first word is followed by a non-word character or its end
 * boundary, so wherever it matches, the text's whole word there equals its first word
 * case-insensitively: for ASCII words, lower-cased.
 */
export function firstWordKey(phrase: string): string | null {
  const mark = ASCII_PUNCTUATION.exec(phrase)?.[0] ?? '';
  const word = ASCII_WORD_START.exec(phrase.slice(mark.length))?.[0];
  const isWordChar = (char: string | undefined) => /[\p{L}\p{N}]/u.test(char ?? '');
  if (word) return isWordChar(phrase[mark.length + word.length]) ? null : mark + word;
  return mark && !isWordChar(phrase[1]) ? mark : null;
}

/**
 * Per first-word key, and per second word where the text shows one, the sticky regex of the phrases
 * that can match there; under null the one of all of them. Each keeps the longest-first order of the
 * whole, so at an offset it takes the phrase the lexicon's regex takes: the phrases left out cannot
 * match there. A phrase whose first word is followed by a space (or an apostrophe) needs a separator
 * (or an apostrophe) and then its second word in the text (`Candidate.next`).
 */
function phraseGroups(phrases: readonly string[]): (key: string | null) => PhraseGroup {
  const groups = new Map<string | null, { phrase: string; second: string | null }[]>([
    [null, phrases.map((phrase) => ({ phrase, second: null }))],
  ]);
  for (const phrase of phrases) {
    const key = firstWordKey(phrase);
    if (key === null) continue;
    const rest = phrase.slice(key.length);
    const joint = rest[0] === ' ' || rest[0] === "'" ? rest[0] : null;
    const second = joint ? firstWordKey(rest.slice(1)) : null;
    // Only a plain ASCII second word narrows; anything else stays with every offset of the key.
    const narrowing = joint && second !== null && ASCII_WORD_START.test(second) ? joint + second : null;
    groups.set(key, [...(groups.get(key) ?? []), { phrase, second: narrowing }]);
  }
  const compiled = new Map<string | null, PhraseGroup>();
  return (key) => {
    let found = compiled.get(key);
    if (!found) {
      found = compileGroup(groups.get(key) ?? []);
      compiled.set(key, found);
    }
    return found;
  };
}

function compileGroup(group: readonly { phrase: string; second: string | null }[]): PhraseGroup {
  const seconds = new Set(group.map((p) => p.second));
  // Where no phrase of the key has a second word, `next` is not looked up: hashing it cost more than
  // the regex it found.
  const narrows = group.some((p) => p.second !== null);
  const regexes = new Map<string | undefined, RegExp | null>();
  // The regex where the next word narrows nothing, the common case, kept aside from the map.
  let plain: RegExp | null | undefined;
  return {
    regexFor(next) {
      // A second word no phrase of the key has narrows to the phrases without one.
      const second = next === undefined || (narrows && seconds.has(next)) ? next : '';
      if (second === '' && plain !== undefined) return plain;
      let regex = regexes.get(second);
      if (regex === undefined) {
        const fitting =
          second === undefined ? group : group.filter((p) => p.second === null || p.second === second);
        // Where no phrase can start, there is nothing to try.
        regex =
          fitting.length === 0
            ? null
            : bounded(
                fitting.map((p) => p.phrase),
                'iuy',
              );
        regexes.set(second, regex);
      }
      if (second === '') plain = regex;
      return regex;
    },
  };
}

/**
 * What `execAll` of the lexicon's regex finds, trying it only at the candidates: its next match is
 * at the first offset from its last end where it matches, and every such offset is a candidate.
 */
function execAt(text: string, candidates: readonly Candidate[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  for (const { at, group, next } of candidates) {
    if (at < from) continue;
    const regex = group.regexFor(next);
    if (regex === null) continue;
    regex.lastIndex = at;
    const m = regex.exec(text);
    if (m === null || m[0].length === 0) continue;
    spans.push({ start: at, end: at + m[0].length });
    from = at + m[0].length;
  }
  return spans;
}

function execAll(regex: RegExp, text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  // An exec loop on the one compiled regex: String#matchAll clones the regex on every call, which
  // cost four times the matching itself on short turns.
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) regex.lastIndex += 1;
  }
  return spans;
}

/** Terms of one lexicon separated only by spaces or a hyphen are one match ("DNS cache"). */
function joinAdjacent(text: string, matches: PhraseMatch[]): PhraseMatch[] {
  const joined: PhraseMatch[] = [];
  for (const match of matches) {
    const previous = joined.at(-1);
    if (previous && /^[ \t-]*$/.test(text.slice(previous.end, match.start))) {
      previous.end = match.end;
      previous.text = text.slice(previous.start, match.end);
    } else {
      joined.push({ ...match });
    }
  }
  return joined;
}

// ---- context rules ----------------------------------------------------------------------------

/**
 * The sentence around a span: from after the previous terminator to the next one. A dot, `!` or `?`
 * with a letter or digit right after it ("example.com/ideas", "3.5") ends nothing.
 */
function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const endsAt = (i: number) =>
    isSentenceEnd(text.charCodeAt(i)) && !/[\p{L}\p{N}]/u.test(text[i + 1] ?? ' ');
  let from = start;
  while (from > 0 && !endsAt(from - 1)) from--;
  let to = end;
  while (to < text.length && !endsAt(to)) to++;
  return { start: from, end: to };
}

/** Words a subject may be separated from its verb by: adverbs and auxiliaries ("we would really be unable to"). */
const SKIPPED_BEFORE_SUBJECT = new Set([
  'really',
  'just',
  'currently',
  'simply',
  'still',
  'also',
  'unfortunately',
  'actually',
  'honestly',
  'certainly',
  'definitely',
  'sadly',
  'presently',
  'now',
  'then',
  'therefore',
  'so',
  'truly',
  'even',
  'would',
  'will',
  'be',
  'am',
  'are',
  'was',
  'were',
  'been',
  'do',
  'did',
  'does',
  'have',
  'has',
  'had',
  'may',
  'might',
  'could',
  'should',
  'shall',
  'not',
  'afraid',
  "i'm afraid",
  'probably',
  'usually',
  'normally',
  'generally',
  'always',
  'ever',
  'again',
  'personally',
]);
const AGENT_SIDE_SUBJECTS = new Set([
  'i',
  'we',
  "i'm",
  "we're",
  "i've",
  "we've",
  "i'd",
  "we'd",
  "i'll",
  "we'll",
  'us',
]);
const AGENT_SIDE_TWO_WORDS = new Set([
  'our team',
  'the company',
  'our company',
  'our system',
  'our systems',
  'my team',
  'our department',
  'our store',
  'our agents',
  'our staff',
  'our side',
  'our end',
  'the team',
]);

/** Lower-cased words of a text, apostrophes folded, masked text dropped. */
function lowerWords(text: string): string[] {
  return (
    text
      .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
      .toLowerCase()
      .match(/[\p{L}\p{N}']+/gu) ?? []
  );
}

/**
 * Whether the negation's subject is the agent's side. A comma or a mask ends the clause: "if you can't,
 * we can" has no agent subject before "can't". After "and" / "&" / "but" / "or" the subject is shared
 * with the clause before ("we're not seeing these counts & can't confirm them").
 */
function hasAgentSideSubject(before: string): boolean {
  const clause = before.split(/[,;:\uFDD0]/).at(-1) ?? '';
  const words = lowerWords(clause.replace(/&/g, ' and '));
  let i = words.length - 1;
  while (i >= 0 && SKIPPED_BEFORE_SUBJECT.has(words[i] as string)) i--;
  if (i >= 0 && COORDINATORS.has(words[i] as string)) {
    for (i -= 1; i >= 0; i--) {
      const word = words[i] as string;
      if (isAgentSide(words, i)) return true;
      if (OTHER_SUBJECTS.has(word)) return false;
    }
    return false;
  }
  return i >= 0 && isAgentSide(words, i);
}

function isAgentSide(words: readonly string[], i: number): boolean {
  const word = words[i] as string;
  return AGENT_SIDE_SUBJECTS.has(word) || AGENT_SIDE_TWO_WORDS.has(`${words[i - 1] ?? ''} ${word}`);
}

const COORDINATORS = new Set(['and', 'but', 'or']);
const OTHER_SUBJECTS = new Set([
  'you',
  "you're",
  "you've",
  "you'd",
  "you'll",
  'it',
  "it's",
  'they',
  "they're",
  'he',
  'she',
  'this',
  'that',
  'there',
  "there's",
]);

/** The word right after the match, or `''` when punctuation or the end of the sentence comes first. */
function nextWord(text: string, end: number): string {
  const after = /^[ \t]*([\p{L}\p{N}']+)/u.exec(text.slice(end, end + 64));
  return after ? (lowerWords(after[1] as string)[0] ?? '') : '';
}

function containsPhrase(normalizedSentence: string, phrase: string): boolean {
  const needle = normalizePhrase(phrase);
  for (
    let at = normalizedSentence.indexOf(needle);
    at !== -1;
    at = normalizedSentence.indexOf(needle, at + 1)
  ) {
    const before = normalizedSentence[at - 1] ?? ' ';
    const after = normalizedSentence[at + needle.length] ?? ' ';
    const wordChar = /[\p{L}\p{N}]/u;
    if (
      (!wordChar.test(before) || !wordChar.test(needle[0] ?? '')) &&
      (!wordChar.test(after) || !wordChar.test(needle.at(-1) ?? ''))
    )
      return true;
  }
  return false;
}

function inContext(text: string, match: PhraseMatch, context: EntryContext | undefined): boolean {
  if (!context) return true;
  const sentence = sentenceAround(text, match.start, match.end);
  if (context.subject === 'agentSide' && !hasAgentSideSubject(text.slice(sentence.start, match.start))) {
    return false;
  }
  if (context.nextWordIn || context.nextWordNotIn) {
    const next = nextWord(text, match.end);
    if (context.nextWordIn && !context.nextWordIn.includes(next)) return false;
    if (context.nextWordNotIn?.includes(next)) return false;
  }
  if (context.sentenceHas || context.sentenceLacks) {
    const normalized = normalizePhrase(text.slice(sentence.start, sentence.end).split(MASK).join(' '));
    if (context.sentenceHas && !context.sentenceHas.some((p) => containsPhrase(normalized, p))) return false;
    if (context.sentenceLacks?.some((p) => containsPhrase(normalized, p))) return false;
  }
  return true;
}

/**
 * A term explained on the spot: "a chargeback, which means …", "RMA (return authorisation)", "a
 * chargeback or payment reversal". The "or" gloss needs an article before the term and a noun phrase
 * after "or" that is not itself a term or an instruction ("clear your cache or restart the app").
 */
const GLOSS_AFTER =
  /^\s*(?:\(|[,–—-]?\s*(?:which|that)\s+(?:means|is|are|stands for|refers to)\b|,?\s*(?:meaning|i\.e\.|aka|a\.k\.a\.|also known as|also called|in other words|that is,|basically)\b|\s+(?:means|stands for|refers to|is when|is where)\b)/i;
const OR_AFTER = /^\s*,?\s*or\s+([\p{L}\p{N}']+)/iu;
const ARTICLE_BEFORE = /(?:^|[^\p{L}\p{N}'])(?:a|an|the|this|that)\s+$/iu;
const NOT_A_GLOSS_AFTER_OR = new Set([
  'you',
  'your',
  'we',
  'i',
  'try',
  'restart',
  'reboot',
  'reinstall',
  'contact',
  'call',
  'send',
  'reply',
  'update',
  'clear',
  'delete',
  'remove',
  'check',
  'reset',
  'go',
  'visit',
  'dm',
  'email',
  'use',
  'open',
  'close',
  'turn',
  'switch',
  'if',
  'not',
  'another',
  'other',
  'something',
  'anything',
  'a',
  'an',
  'the',
  'my',
  'our',
  'this',
  'that',
  'its',
  'their',
]);

/** The term is itself the gloss of words before it: "operating system (OS)", "also known as In-OS". */
const GLOSS_BEFORE = /\b(?:also known as|aka|a\.k\.a\.|called|abbreviated)\s+["“']?$/iu;
const ACRONYM_OF_WORDS_BEFORE = /[\p{L}\p{N}]\s*\(\s*$/u;

function isGlossed(text: string, match: PhraseMatch, all: readonly PhraseMatch[]): boolean {
  const after = text.slice(match.end, match.end + 80);
  if (GLOSS_AFTER.test(after)) return true;
  const before = text.slice(Math.max(0, match.start - 40), match.start);
  if (GLOSS_BEFORE.test(before)) return true;
  if (ACRONYM_OF_WORDS_BEFORE.test(before) && /^\s*\)/.test(after)) return true;
  const or = OR_AFTER.exec(after);
  if (!or || !ARTICLE_BEFORE.test(text.slice(Math.max(0, match.start - 12), match.start))) return false;
  if (NOT_A_GLOSS_AFTER_OR.has((or[1] as string).toLowerCase())) return false;
  const glossStart = match.end + or.index + or[0].length - (or[1] as string).length;
  return !all.some((m) => m.start === glossStart);
}

// ---- whole-text phrases (backchannels) --------------------------------------------------------

/**
 * Whether the whole text, punctuation ignored, is one or more of the phrases ("Okay, got it." is,
 * "Okay, let me check" is not). Used for backchannels. A word-level walk rather than a regex: phrases
 * that share words ("mm", "mm hmm") would make a repeated regex group backtrack exponentially.
 */
export function isWholeTextOf(entries: readonly LexiconEntry[], text: string): boolean {
  let phrases = compiledWholeTexts.get(entries);
  if (!phrases) {
    const set = new Set(entries.map((e) => wordsOnly(e.phrase)).filter(Boolean));
    const phraseWords = [...set].map((p) => p.split(' '));
    phrases = {
      set,
      maxWords: Math.max(0, ...phraseWords.map((w) => w.length)),
      words: new Set(phraseWords.flat()),
    };
    compiledWholeTexts.set(entries, phrases);
  }
  // The words of `wordsOnly(text)`, read one by one: most turns have a word of no phrase early on.
  const lower = foldApostrophes(text).toLowerCase();
  const tokens: string[] = [];
  LOWER_WORD.lastIndex = 0;
  for (let m = LOWER_WORD.exec(lower); m !== null; m = LOWER_WORD.exec(lower)) {
    if (!phrases.words.has(m[0])) return false;
    tokens.push(m[0]);
  }
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

/** A word of lower-cased text with apostrophes folded, as `wordsOnly` separates them. */
const LOWER_WORD = /[\p{L}\p{N}']+/gu;

/** Lower-cased words separated by single spaces; every other character (hyphens included) is dropped. */
function wordsOnly(text: string): string {
  return normalizePhrase(text)
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** A space in a phrase matches any white space, with or without a comma ("sorry, could you"). */
function phrasePattern(normalized: string): string {
  return escapeRegExp(normalized)
    .replace(/'/g, "['\\u2018\\u2019\\u02bc\\u2032]")
    .replace(/ /g, '(?:\\s*,\\s*|\\s+)');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
