/**
 * Every phrase lexicon of a configuration matched in one pass over a turn. One scan of the turn's
 * words tells each lexicon where one of its phrases may start: a phrase matches only where the
 * text's word equals the phrase's first word. Each lexicon then tries its phrases at those offsets
 * alone and applies its exceptions and context rules exactly as when it scanned the text itself
 * (matcher.ts). Ten scans of every turn, one per lexicon, cost more than the rest of the matching.
 */

import { type KeyTrie, keyTrie, step } from './key-trie.ts';
import { DEFAULT_LEXICONS, type LexiconId, lexiconEntries, lexiconExceptions } from './lexicons/index.ts';
import {
  type Candidate,
  firstWordKey,
  type PhraseGroup,
  type PhraseMatch,
  type PhraseMatcher,
  phraseMatcher,
} from './matcher.ts';
import type { EngineOptions } from './result.ts';
import { isWhiteSpace } from './text.ts';

/** The lexicons read by phrase; backchannels are read as whole texts (matcher.ts `isWholeTextOf`). */
export type PhraseLexiconId = Exclude<LexiconId, 'backchannel'>;

const PHRASE_LEXICONS: readonly PhraseLexiconId[] = (Object.keys(DEFAULT_LEXICONS) as LexiconId[]).filter(
  (id): id is PhraseLexiconId => id !== 'backchannel',
);

export interface LexiconSet {
  /** The matches of every lexicon in one text, each lexicon's computed when first asked for. */
  matchText(text: string): TextMatches;
}

export interface TextMatches {
  of(id: PhraseLexiconId): readonly PhraseMatch[];
}

/** One lexicon's phrases under one first-word key. */
interface KeyedGroup {
  lexicon: number;
  group: PhraseGroup;
}

interface Compiled {
  /** The phrase lexicons in order; a lexicon's place is its index in the candidate lists. */
  ids: readonly PhraseLexiconId[];
  matchers: readonly PhraseMatcher[];
  /** The lexicons' groups by the first-word keys of their phrases (matcher.ts `firstWordKey`). */
  byKey: ReadonlyMap<string, readonly KeyedGroup[]>;
  /** `byKey`'s plain word keys (ASCII letters and digits) by character (key-trie.ts). */
  wordKeys: KeyTrie<readonly KeyedGroup[]>;
  /** Marks that start a keyed phrase before its first word (".msi"). */
  wordMarks: ReadonlySet<string>;
  /** `wordMarks` by character code. */
  wordMarkCodes: ReadonlySet<number>;
  /** Marks that are a phrase's whole key: the text is searched for each. */
  bareMarks: readonly string[];
  /**
   * Every keyed lexicon with all its phrases: a word with characters outside ASCII may still match
   * an ASCII first word case-insensitively (the Kelvin sign is a "k"), so there all are tried.
   */
  everyPhrase: readonly KeyedGroup[];
  /** Lexicons with a phrase the word scan cannot key ("'cause", "ñu"): they scan the text themselves. */
  scanning: ReadonlySet<number>;
}

/**
 * Compiled once per configuration: keyed by the lexicons' matchers in order, which phraseMatcher
 * itself caches by the identity of their entries and exceptions, so a configuration built anew from
 * the same lists compiles nothing.
 */
type CacheNode = { next: WeakMap<PhraseMatcher, CacheNode>; compiled?: Compiled };
const cache: CacheNode = { next: new WeakMap() };

export function lexiconSet(options: EngineOptions): LexiconSet {
  const matchers = new Map<PhraseLexiconId, PhraseMatcher>();
  let node = cache;
  for (const id of PHRASE_LEXICONS) {
    const matcher = phraseMatcher({
      entries: lexiconEntries(id, options.lexicons),
      exceptions: lexiconExceptions(id, options.exceptions),
      glossedDoesNotCount: DEFAULT_LEXICONS[id].glossedDoesNotCount === true,
    });
    matchers.set(id, matcher);
    let child = node.next.get(matcher);
    if (!child) {
      child = { next: new WeakMap() };
      node.next.set(matcher, child);
    }
    node = child;
  }
  node.compiled ??= compile(matchers);
  const compiled = node.compiled;
  return { matchText: (text) => textMatches(compiled, text) };
}

/** A word (letters and digits only) with a character outside ASCII. */
const NOT_ASCII_WORD = /[^A-Za-z0-9]/;
/** A word as the phrases' first words are keyed: letters and digits; an apostrophe ends it. */
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD_KEY = /^[a-z0-9]/;
/**
 * What a space in a phrase matches between two words (matcher.ts `phrasePattern`): `\s*,\s*` or
 * `\s+`, the whole of text[from, to). By character code: a regex test of a cut-out piece after every
 * key's word cost more than the word's lookup.
 */
function isSeparator(text: string, from: number, to: number): boolean {
  let commas = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) commas++;
    else if (!isWhiteSpace(code)) return false;
  }
  return commas <= 1 && to > from;
}

/** The lexicons' phrase groups indexed by their first words. */
function compile(matchers: ReadonlyMap<PhraseLexiconId, PhraseMatcher>): Compiled {
  const ids = [...matchers.keys()];
  const list = [...matchers.values()];
  const keys = new Map<string, Set<number>>();
  const scanning = new Set<number>();
  list.forEach((matcher, lexicon) => {
    for (const phrase of matcher.phrases) {
      const key = firstWordKey(phrase);
      if (key === null) scanning.add(lexicon);
      else keys.set(key, (keys.get(key) ?? new Set()).add(lexicon));
    }
  });
  const keyed = (lexicons: Iterable<number>, key: string | null): KeyedGroup[] =>
    [...lexicons]
      .filter((lexicon) => !scanning.has(lexicon))
      .map((lexicon) => ({ lexicon, group: (list[lexicon] as PhraseMatcher).group(key) }));
  const markKeys = [...keys.keys()].filter((key) => !ASCII_WORD_KEY.test(key));
  const byKey = new Map([...keys].map(([key, lexicons]) => [key, keyed(lexicons, key)]));
  const wordMarks = new Set(markKeys.filter((key) => key.length > 1).map((key) => key[0] as string));
  return {
    ids,
    matchers: list,
    byKey,
    wordKeys: keyTrie([...byKey].filter(([key]) => ASCII_WORD_KEY.test(key))),
    wordMarks,
    wordMarkCodes: new Set([...wordMarks].map((mark) => mark.charCodeAt(0))),
    bareMarks: markKeys.filter((key) => key.length === 1),
    everyPhrase: keyed(new Set([...keys.values()].flatMap((lexicons) => [...lexicons])), null),
    scanning,
  };
}

interface TextWord {
  at: number;
  end: number;
  /** Lower-cased, or null for a word with characters outside ASCII. */
  word: string | null;
}

/** Printable ASCII, tabs and line breaks, where a word is a run of ASCII letters and digits. */
function isPlainAscii(code: number): boolean {
  return (code >= 32 && code <= 126) || code === 9 || code === 10 || code === 13;
}

/** The words (WORD) of a text that is not plain ASCII. */
function unicodeWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = NOT_ASCII_WORD.test(m[0]) ? null : m[0].toLowerCase();
    words.push({ at: m.index, end: m.index + m[0].length, word });
  }
  return words;
}

/** A character code of plain ASCII text lower-cased: in it a word is a run of [a-z0-9]. */
function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** The first word of plain ASCII text at or after `from`, lower-cased. */
function asciiWordFrom(text: string, from: number): TextWord | undefined {
  let at = from;
  while (at < text.length && !isWordCode(lowerCode(text.charCodeAt(at)))) at++;
  if (at === text.length) return undefined;
  let end = at + 1;
  while (end < text.length && isWordCode(lowerCode(text.charCodeAt(end)))) end++;
  return { at, end, word: text.slice(at, end).toLowerCase() };
}

/** Apostrophes a phrase's `'` matches (matcher.ts `phrasePattern`). */
const APOSTROPHES = new Set(["'", '\u2018', '\u2019', '\u02bc', '\u2032']);

/** `Candidate.next` of a word ending at `end`; undefined where the next word is not ASCII. */
function followedBy(text: string, end: number, following: TextWord | undefined): string | undefined {
  if (following === undefined) return '';
  const joint = isSeparator(text, end, following.at)
    ? ' '
    : following.at === end + 1 && APOSTROPHES.has(text[end] as string)
      ? "'"
      : null;
  if (joint === null) return '';
  return following.word === null ? undefined : joint + following.word;
}

/** Each lexicon's candidates, its list made when it gets its first (most texts give most none). */
type CandidateLists = (Candidate[] | undefined)[];

function addCandidates(
  lists: CandidateLists,
  at: number,
  groups: readonly KeyedGroup[] | undefined,
  next: string | undefined,
): void {
  if (!groups) return;
  for (const { lexicon, group } of groups) {
    const list = lists[lexicon];
    if (list) list.push({ at, group, next });
    else lists[lexicon] = [{ at, group, next }];
  }
}

function byOffset(a: Candidate, b: Candidate): number {
  return a.at - b.at;
}

function textMatches(compiled: Compiled, text: string): TextMatches {
  const { byKey, bareMarks } = compiled;
  let lists: CandidateLists = new Array(compiled.ids.length);
  if (!addAsciiCandidates(compiled, text, lists)) {
    lists = new Array(compiled.ids.length);
    addWordCandidates(compiled, text, lists);
  }
  for (const mark of bareMarks) {
    for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
      addCandidates(lists, at, byKey.get(mark), undefined);
    }
  }
  if (bareMarks.length > 0) for (const list of lists) list?.sort(byOffset);
  return new LexiconMatches(compiled, text, lists);
}

/**
 * The candidates of plain ASCII text (`isPlainAscii`), the common case, read by character codes: each
 * word is looked up in the key trie as it is read, and only a key's word or a marked word is cut out
 * of the text. False, with `lists` to be dropped, at the first character outside plain ASCII: the
 * scan is the test, rather than a regex over the text before it.
 */
function addAsciiCandidates(compiled: Compiled, text: string, lists: CandidateLists): boolean {
  const { byKey, wordMarkCodes, wordKeys } = compiled;
  let at = -1;
  let key: KeyTrie<readonly KeyedGroup[]> | undefined;
  for (let i = 0; i <= text.length; i++) {
    const original = i < text.length ? text.charCodeAt(i) : 32;
    if (!isPlainAscii(original)) return false;
    const code = lowerCode(original);
    if (isWordCode(code)) {
      if (at === -1) {
        at = i;
        key = wordKeys;
      }
      key = step(key, code);
      continue;
    }
    if (at === -1) continue;
    // Offsets stay ascending: the mark's before its word's.
    if (at > 0 && wordMarkCodes.has(text.charCodeAt(at - 1))) {
      const marked = (text[at - 1] as string) + text.slice(at, i).toLowerCase();
      addCandidates(lists, at - 1, byKey.get(marked), undefined);
    }
    if (key?.value) addCandidates(lists, at, key.value, followedBy(text, i, asciiWordFrom(text, i)));
    at = -1;
  }
  return true;
}

/** The candidates of any other text, from its words (WORD). */
function addWordCandidates(compiled: Compiled, text: string, lists: CandidateLists): void {
  const { byKey, wordMarks, everyPhrase } = compiled;
  const words = unicodeWords(text);
  for (let i = 0; i < words.length; i++) {
    const { at, end, word } = words[i] as TextWord;
    const mark = text[at - 1];
    // Offsets stay ascending: the mark's before its word's.
    if (mark !== undefined && wordMarks.has(mark)) {
      addCandidates(lists, at - 1, word ? byKey.get(mark + word) : everyPhrase, undefined);
    }
    if (word === null) addCandidates(lists, at, everyPhrase, undefined);
    else {
      const groups = byKey.get(word);
      if (groups) addCandidates(lists, at, groups, followedBy(text, end, words[i + 1]));
    }
  }
}

const NO_MATCHES: readonly PhraseMatch[] = Object.freeze([]);

/** One text's matches, each lexicon's found when first asked for. */
class LexiconMatches implements TextMatches {
  /** By lexicon index: an array, not a map, as one is made for every turn. */
  readonly #found: (readonly PhraseMatch[] | undefined)[] = [];

  constructor(
    private readonly compiled: Compiled,
    private readonly text: string,
    private readonly candidates: CandidateLists,
  ) {}

  of(id: PhraseLexiconId): readonly PhraseMatch[] {
    const lexicon = this.compiled.ids.indexOf(id);
    let found = this.#found[lexicon];
    if (!found) {
      const matcher = this.compiled.matchers[lexicon] as PhraseMatcher;
      const candidates = this.candidates[lexicon];
      if (this.compiled.scanning.has(lexicon)) found = matcher.matchAll(this.text);
      else found = candidates === undefined ? NO_MATCHES : matcher.matchAt(this.text, candidates);
      this.#found[lexicon] = found;
    }
    return found;
  }
}
