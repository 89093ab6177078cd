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
  /** Lexicons by the first-word keys of their phrases (matcher.ts `firstWordKey`). */
  byKey: ReadonlyMap<string, readonly PhraseLexiconId[]>;
  /** Marks that start a keyed phrase before its first word (".msi"). */
  wordMarks: ReadonlySet<string>;
  /** Marks that are a phrase's whole key: the text is searched for each. */
  bareMarks: readonly string[];
  /**
   * Every keyed lexicon: a word with characters outside ASCII may still match an ASCII first word
   * case-insensitively (the Kelvin sign is a "k"), so there all of them are tried.
   */
  keyed: readonly PhraseLexiconId[];
  /** Lexicons with a phrase the word scan cannot key ("'cause", "ñu"): they scan the text themselves. */
  scanning: ReadonlySet<PhraseLexiconId>;
}

/** An offset where some lexicons' phrases may start (see `Candidate`). */
interface TextCandidate extends Candidate {
  lexicons: readonly PhraseLexiconId[];
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
/** What a space in a phrase matches between two words (matcher.ts `phrasePattern`). */
const SEPARATOR = /^(?:\s*,\s*|\s+)$/;

/** The lexicons indexed by the first words of their phrases. */
function compile(matchers: ReadonlyMap<PhraseLexiconId, PhraseMatcher>): Compiled {
  const byKey = new Map<string, PhraseLexiconId[]>();
  const scanning = new Set<PhraseLexiconId>();
  for (const [id, matcher] of matchers) {
    for (const phrase of matcher.phrases) {
      const key = firstWordKey(phrase);
      if (key === null) scanning.add(id);
      else byKey.set(key, [...new Set([...(byKey.get(key) ?? []), id])]);
    }
  }
  const unscanned = (ids: Iterable<PhraseLexiconId>) => [...ids].filter((id) => !scanning.has(id));
  const keys = [...byKey.keys()].filter((key) => !ASCII_WORD_KEY.test(key));
  return {
    matchers,
    byKey: new Map([...byKey].map(([key, ids]) => [key, unscanned(ids)])),
    wordMarks: new Set(keys.filter((key) => key.length > 1).map((key) => key[0] as string)),
    bareMarks: keys.filter((key) => key.length === 1),
    keyed: unscanned(new Set([...byKey.values()].flat())),
    scanning,
  };
}

interface TextWord {
  at: number;
  end: number;
  /** Lower-cased, or null for a word with characters outside ASCII. */
  word: string | null;
}

/** Printable ASCII and line breaks, where a word is a run of ASCII letters and digits. */
const PLAIN_ASCII = /^[ -~\t\n\r]*$/;

/** The text's words (WORD), read by character codes where the text is plain ASCII: most are. */
function textWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  if (!PLAIN_ASCII.test(text)) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const word = NOT_ASCII_WORD.test(m[0]) ? null : m[0].toLowerCase();
      words.push({ at: m.index, end: m.index + m[0].length, word });
    }
    return words;
  }
  const lower = text.toLowerCase();
  let at = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    const isWordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (isWordChar && at === -1) at = i;
    else if (!isWordChar && at !== -1) {
      words.push({ at, end: i, word: lower.slice(at, i) });
      at = -1;
    }
  }
  return words;
}

function addCandidate(
  candidates: TextCandidate[],
  at: number,
  key: string | null,
  lexicons: readonly PhraseLexiconId[] | undefined,
  next?: string,
): void {
  if (lexicons && lexicons.length > 0) candidates.push({ at, key, lexicons, next });
}

function byOffset(a: TextCandidate, b: TextCandidate): number {
  return a.at - b.at;
}

function textMatches(compiled: Compiled, text: string): TextMatches {
  const { byKey, wordMarks, bareMarks, keyed } = compiled;
  const candidates: TextCandidate[] = [];
  const words = textWords(text);
  for (let i = 0; i < words.length; i++) {
    const { at, end, word } = words[i] as TextWord;
    const mark = text[at - 1];
    // Offsets stay ascending: the mark's before its word's.
    if (mark !== undefined && wordMarks.has(mark)) {
      addCandidate(candidates, at - 1, word && mark + word, word ? byKey.get(mark + word) : keyed);
    }
    if (word === null) {
      addCandidate(candidates, at, null, keyed);
      continue;
    }
    const lexicons = byKey.get(word);
    if (!lexicons) continue;
    const following = words[i + 1];
    const separated = following !== undefined && SEPARATOR.test(text.slice(end, following.at));
    addCandidate(candidates, at, word, lexicons, separated ? (following.word ?? undefined) : '');
  }
  for (const mark of bareMarks) {
    for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
      addCandidate(candidates, at, mark, byKey.get(mark));
    }
  }
  if (bareMarks.length > 0) candidates.sort(byOffset);
  return new LexiconMatches(compiled, text, candidates);
}

/** One text's matches, each lexicon's found when first asked for. */
class LexiconMatches implements TextMatches {
  readonly #found = new Map<PhraseLexiconId, readonly PhraseMatch[]>();

  constructor(
    private readonly compiled: Compiled,
    private readonly text: string,
    private readonly candidates: readonly TextCandidate[],
  ) {}

  of(id: PhraseLexiconId): readonly PhraseMatch[] {
    let found = this.#found.get(id);
    if (!found) {
      const matcher = this.compiled.matchers.get(id) as PhraseMatcher;
      if (this.compiled.scanning.has(id)) found = matcher.matchAll(this.text);
      else {
        const own: TextCandidate[] = [];
        for (const c of this.candidates) if (c.lexicons.includes(id)) own.push(c);
        found = own.length === 0 ? [] : matcher.matchAt(this.text, own);
      }
      this.#found.set(id, found);
    }
    return found;
  }
}
