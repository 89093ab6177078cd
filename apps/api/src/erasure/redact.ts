/** What an erased customer's words are replaced with in free text that stays (dispute and coaching notes). */
export const REDACTED = '[erased]';

/**
 * The terms to take out of free text about an erased customer: their id and each name as stored,
 * longest first so that "Sam Lee" goes before "Sam". With `nameParts`, each word of a name of two
 * letters or more too: text about one of the customer's own conversations that says "thanks, Sam".
 */
export function redactionTerms(
  customerId: string,
  names: readonly string[],
  options: { nameParts: boolean },
): string[] {
  const terms = new Set<string>([customerId]);
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed === '') continue;
    terms.add(trimmed);
    if (options.nameParts) {
      for (const part of trimmed.split(/\s+/)) if (part.length >= 2) terms.add(part);
    }
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

/** `text` with every whole-word, case-insensitive occurrence of a term replaced by REDACTED. */
export function redact(text: string, terms: readonly string[]): string {
  let result = text;
  for (const term of terms) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Letters or digits on either side make it part of another word ("Samuel" is not "Sam").
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), REDACTED);
  }
  return result;
}
