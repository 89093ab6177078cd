import { EMOJI_LEXICON_TXT } from '../../sentiment/data/emoji-lexicon.data.ts';
import { VADER_LEXICON_TXT } from '../../sentiment/data/vader-lexicon.data.ts';

/**
 * VADER 3.3.2's two lexicons, parsed once on first use as its `make_lex_dict` and `make_emoji_dict`
 * do: a later line for the same token wins. Lazy because most callers of the engine never score a
 * text, and parsing the 7,520 lines takes a few milliseconds.
 */
export interface VaderLexicons {
  /** token → mean valence (−4..+4); looked up with the lower-cased token. */
  valence: ReadonlyMap<string, number>;
  /** One code point → its description, which VADER scores as words. */
  emoji: ReadonlyMap<string, string>;
}

let loaded: VaderLexicons | null = null;

export function vaderLexicons(): VaderLexicons {
  loaded ??= { valence: parseValences(VADER_LEXICON_TXT), emoji: parseEmoji(EMOJI_LEXICON_TXT) };
  return loaded;
}

/** `token <TAB> mean <TAB> sd <TAB> raters` lines. */
function parseValences(content: string): Map<string, number> {
  const valence = new Map<string, number>();
  for (const line of dataLines(content)) {
    const [token, mean] = line.split('\t');
    if (token !== undefined && mean !== undefined) valence.set(token, Number(mean));
  }
  return valence;
}

/**
 * `emoji <TAB> description` lines. VADER replaces the text one code point at a time, so an entry of
 * several code points (skin tones, flags, ZWJ sequences) can never match; only single ones are kept.
 */
function parseEmoji(content: string): Map<string, string> {
  const emoji = new Map<string, string>();
  for (const line of dataLines(content)) {
    const [key, description] = line.split('\t');
    if (key !== undefined && description !== undefined && [...key].length === 1) emoji.set(key, description);
  }
  return emoji;
}

function dataLines(content: string): string[] {
  return content
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
