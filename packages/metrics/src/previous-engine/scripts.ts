import { words } from './text.ts';

/** One line of the organisation's script library, as the word set it is compared by. */
export interface ScriptLine {
  text: string;
  tokens: ReadonlySet<string>;
}

const compiledLibraries = new WeakMap<readonly string[], ScriptLine[]>();

/**
 * The library's lines (each entry may hold several, one a line), lower-cased word sets, computed once
 * per library array so a batch of conversations does not re-tokenise it.
 */
export function scriptLines(scripts: readonly string[] | undefined): ScriptLine[] {
  if (!scripts) return [];
  const cached = compiledLibraries.get(scripts);
  if (cached) return cached;
  const lines = scripts
    .flatMap((script) => script.split(/\r\n|\r|\n/))
    .map((text) => ({ text, tokens: new Set(words(text).map((w) => w.toLowerCase())) }))
    .filter((line) => line.tokens.size > 0);
  compiledLibraries.set(scripts, lines);
  return lines;
}
