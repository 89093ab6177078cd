import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { reachesScript, scriptLibrary, wordSet } from './scripts.ts';

/** Every line compared, as scriptReliance did before the library was indexed. */
function reachesByBruteForce(lines: readonly string[], sentence: string, minimum: number): boolean {
  const tokens = wordSet(sentence);
  return lines.some((line) => {
    const other = wordSet(line);
    if (other.size === 0) return false;
    const shared = [...tokens].filter((t) => other.has(t)).length;
    return shared / (tokens.size + other.size - shared) >= minimum;
  });
}

// A small vocabulary, so that random sentences are often near a line and the threshold is tested.
const word = fc.constantFrom(
  'I',
  'will',
  'be',
  'happy',
  'to',
  'help',
  'you',
  'today',
  'with',
  'that',
  'Your',
  'account',
);
const phrase = fc.array(word, { minLength: 1, maxLength: 9 }).map((w) => w.join(' '));

describe('script library', () => {
  test('finds a line at the similarity minimum exactly when comparing every line does', () => {
    fc.assert(
      fc.property(
        fc.array(phrase, { maxLength: 12 }),
        phrase,
        fc.constantFrom(0.5, 0.8, 1),
        (lines, sentence, minimum) => {
          const library = scriptLibrary(lines, minimum);
          expect(reachesScript(library, wordSet(sentence))).toBe(
            reachesByBruteForce(lines, sentence, minimum),
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });

  test('a sentence sharing 8 of the 10 words in the union reaches 0.8; sharing 7 does not', () => {
    const library = scriptLibrary(['I will be happy to assist you with that today.'], 0.8);
    expect(reachesScript(library, wordSet('I will be happy to assist you with'))).toBe(true);
    expect(reachesScript(library, wordSet('I will be happy to assist you'))).toBe(false);
    // 9 of 11: one word swapped for another.
    expect(reachesScript(library, wordSet('I will be glad to assist you with that today.'))).toBe(true);
    // 7 of 13.
    expect(reachesScript(library, wordSet('I would be glad to assist you with this today.'))).toBe(false);
    expect(reachesScript(scriptLibrary([], 0.8), wordSet('I will be happy to assist you.'))).toBe(false);
  });
});
