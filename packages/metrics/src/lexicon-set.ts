/**
 * Every phrase lexicon of a configuration matched in one pass over a turn. One scan of the turn's
 * words tells each lexicon where one of its phrases may start: a phrase matches only where the
 * text's word equals the phrase's first word. Each lexicon then tries its phrases at those offsets
 * alone and applies its exceptions and context rules exactly as when it scanned the text itself
 * (matcher.ts). Ten scans of every turn, one per lexicon, cost more than the rest of the matching.
 */
import { DEFAULT_LEXICONS, type LexiconId, lexiconEntries, lexiconExceptions } from './lexicons/index.ts';
import {
  type Candidate,
  firstWordKey,
  type PhraseMatch,
  type PhraseMatcher,
  phraseMatcher,
} from './matcher.ts';
import type { EngineOptions } from './result.ts';

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

interface Compiled {
  matchers: ReadonlyMap<PhraseLexiconId, PhraseMatcher>;
  /** Lexicons by the first word (ASCII, lower case) or leading ASCII punctuation of their phrases. */
  byFirstWord: ReadonlyMap<string, readonly PhraseLexiconId[]>;
  /**
   * Every keyed lexicon: a word with characters outside ASCII may still match an ASCII first word
   * case-insensitively (the Kelvin sign is a "k"), so there all of them are tried.
   */
  atOtherWords: readonly PhraseLexiconId[];
  /** Leading punctuation of some phrase (".msi"): the text is searched for each. */
  punctuation: readonly string[];
  /** Lexicons with a phrase the word scan cannot key ("'cause", "ñu"): they scan the text themselves. */
  scanning: readonly PhraseLexiconId[];
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

/** The lexicons indexed by the first words of their phrases (matcher.ts `firstWordKey`). */
function compile(matchers: ReadonlyMap<PhraseLexiconId, PhraseMatcher>): Compiled {
  const byFirstWord = new Map<string, PhraseLexiconId[]>();
  const keyed = new Set<PhraseLexiconId>();
  const scanning = new Set<PhraseLexiconId>();
  const punctuation = new Set<string>();
  for (const [id, matcher] of matchers) {
    for (const phrase of matcher.phrases) {
      const key = firstWordKey(phrase);
      if (key === null) {
        scanning.add(id);
        continue;
      }
      if (!/^[a-z0-9]/.test(key)) punctuation.add(key);
      const ids = byFirstWord.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byFirstWord.set(key, ids);
      keyed.add(id);
    }
  }
  const unscanned = (ids: Iterable<PhraseLexiconId>) => [...ids].filter((id) => !scanning.has(id));
  return {
    matchers,
    byFirstWord: new Map([...byFirstWord].map(([key, ids]) => [key, unscanned(ids)])),
    atOtherWords: unscanned(keyed),
    punctuation: [...punctuation],
    scanning: [...scanning],
  };
}

function textMatches(compiled: Compiled, text: string): TextMatches {
  const candidates = new Map<PhraseLexiconId, Candidate[]>();
  const add = (ids: readonly PhraseLexiconId[], at: number, key: string | null) => {
    for (const id of ids) {
      const list = candidates.get(id);
      if (list) list.push({ at, key });
      else candidates.set(id, [{ at, key }]);
    }
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    if (NOT_ASCII_WORD.test(word)) add(compiled.atOtherWords, m.index, null);
    else {
      const key = word.toLowerCase();
      const ids = compiled.byFirstWord.get(key);
      if (ids) add(ids, m.index, key);
    }
  }
  for (const mark of compiled.punctuation) {
    const ids = compiled.byFirstWord.get(mark) as readonly PhraseLexiconId[];
    for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) add(ids, at, mark);
  }
  const byLexicon = new Map<PhraseLexiconId, readonly PhraseMatch[]>();
  return {
    of(id) {
      let found = byLexicon.get(id);
      if (!found) {
        const matcher = compiled.matchers.get(id) as PhraseMatcher;
        const at = candidates.get(id);
        if (compiled.scanning.includes(id)) found = matcher.matchAll(text);
        else if (!at) found = [];
        // Word and punctuation offsets interleave: the matcher reads them in text order.
        else
          found = matcher.matchAt(
            text,
            compiled.punctuation.length > 0 ? at.sort((a, b) => a.at - b.at) : at,
          );
        byLexicon.set(id, found);
      }
      return found;
    },
  };
}
