import { words } from './text.ts';

/** One line of the organisation's script library, as the word set it is compared by. */
export interface ScriptLine {
  text: string;
  tokens: ReadonlySet<string>;
}

/**
 * The library's lines, indexed for a similarity threshold by prefix filtering (the set-similarity
 * join technique): words are ranked rarest first across the library, and each line is listed under
 * the first words of its ranked set. Two sets whose Jaccard similarity reaches the threshold share a
 * word among those first words of each, so a sentence is compared only with the lines listed under
 * its own first words: a few lines, however long the library.
 */
export interface ScriptLibrary {
  lines: readonly ScriptLine[];
  /** How many lines hold each word; a word no line holds ranks rarest of all (0). */
  linesHolding: ReadonlyMap<string, number>;
  /** Lines by the words of their prefix. */
  listedUnder: ReadonlyMap<string, readonly ScriptLine[]>;
  minimum: number;
}

const compiledLibraries = new WeakMap<readonly string[], Map<number, ScriptLibrary>>();

/**
 * The library's lines (each entry may hold several, one a line) as lower-cased word sets, indexed for
 * `minimum` similarity; computed once per library array so a batch does not re-tokenise it.
 */
export function scriptLibrary(scripts: readonly string[], minimum: number): ScriptLibrary {
  const byMinimum = compiledLibraries.get(scripts) ?? new Map<number, ScriptLibrary>();
  const cached = byMinimum.get(minimum);
  if (cached) return cached;
  const lines = scripts
    .flatMap((script) => script.split(/\r\n|\r|\n/))
    .map((text) => ({ text, tokens: wordSet(text) }))
    .filter((line) => line.tokens.size > 0);
  const linesHolding = new Map<string, number>();
  for (const line of lines)
    for (const token of line.tokens) linesHolding.set(token, (linesHolding.get(token) ?? 0) + 1);
  const library = { lines, linesHolding, listedUnder: new Map<string, ScriptLine[]>(), minimum };
  for (const line of lines) {
    for (const token of prefix(library, line.tokens)) {
      const listed = library.listedUnder.get(token);
      if (listed) listed.push(line);
      else library.listedUnder.set(token, [line]);
    }
  }
  byMinimum.set(minimum, library);
  compiledLibraries.set(scripts, byMinimum);
  return library;
}

/** A text's lower-cased words, as a set: what a sentence is compared with the library by. */
export function wordSet(text: string): Set<string> {
  return new Set(words(text).map((w) => w.toLowerCase()));
}

/** Whether some line's Jaccard similarity with `tokens` (|A ∩ B| / |A ∪ B|) reaches the minimum. */
export function reachesScript(library: ScriptLibrary, tokens: ReadonlySet<string>): boolean {
  // Words no line holds rank first: when the prefix holds only those, no line is listed under it.
  // Most sentences are told apart here, before any ranking.
  let unknown = 0;
  const prefixLength = prefixLengthOf(library, tokens.size);
  for (const token of tokens) {
    if (!library.linesHolding.has(token) && ++unknown >= prefixLength) return false;
  }
  for (const token of prefix(library, tokens)) {
    for (const line of library.listedUnder.get(token) ?? []) {
      if (jaccard(tokens, line.tokens) >= library.minimum) return true;
    }
  }
  return false;
}

/**
 * The set's rarest words, as many as similarity `minimum` allows it to lack: a set B with
 * J(A, B) ≥ t has |A ∩ B| ≥ t·|A|, so it holds one of A's first |A| − ⌈t·|A|⌉ + 1 words in any order.
 */
function prefix(library: ScriptLibrary, tokens: ReadonlySet<string>): string[] {
  const rank = (token: string) => library.linesHolding.get(token) ?? 0;
  const ranked = [...tokens].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return ranked.slice(0, prefixLengthOf(library, ranked.length));
}

function prefixLengthOf(library: ScriptLibrary, size: number): number {
  return size - Math.ceil(library.minimum * size) + 1;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}
