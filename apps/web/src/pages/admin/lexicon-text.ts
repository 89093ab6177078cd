import type { RouterOutputs } from '../../lib/api-types.ts';

/**
 * The lexicon editor's text form: one entry a line,
 *
 *   phrase => better wording | subject=agent | next=word,word | not-next=word | with=phrase,… | without=…
 *
 * where everything after the phrase is optional: `=>` adds a suggestion, `subject=agent` counts the
 * phrase only with the agent's side as its subject ("we can't", not "if you can't"), `next` / `not-next`
 * name the words that may or may not follow (`(end)`: nothing follows in the clause), `with` / `without`
 * the phrases its sentence must or must not hold. Pure, so the round trip is tested.
 */

/** A lexicon entry as the API gives it (packages/metrics `LexiconEntry`): phrase, suggestion, context. */
export type EditableEntry =
  RouterOutputs['admin']['config']['get']['effective']['lexicons']['empathy']['entries'][number];
type EntryContext = NonNullable<EditableEntry['context']>;

const END = '(end)';
const LIST_KEYS = {
  next: 'nextWordIn',
  'not-next': 'nextWordNotIn',
  with: 'sentenceHas',
  without: 'sentenceLacks',
} as const;

export function entriesToText(entries: readonly EditableEntry[]): string {
  return entries.map(entryToLine).join('\n');
}

function entryToLine(entry: EditableEntry): string {
  const parts = [entry.suggestion ? `${entry.phrase} => ${entry.suggestion}` : entry.phrase];
  const context = entry.context ?? {};
  if (context.subject === 'agentSide') parts.push('subject=agent');
  for (const [key, field] of Object.entries(LIST_KEYS)) {
    const words = context[field];
    if (words && words.length > 0) parts.push(`${key}=${words.map((w) => (w === '' ? END : w)).join(',')}`);
  }
  return parts.join(' | ');
}

/** The entries of the text, or the first line that cannot be read with the reason. */
export function textToEntries(
  text: string,
): { ok: true; entries: EditableEntry[] } | { ok: false; line: number; error: string } {
  const entries: EditableEntry[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [head = '', ...rules] = line.split('|').map((part) => part.trim());
    const at = head.indexOf('=>');
    const phrase = (at < 0 ? head : head.slice(0, at)).trim();
    const suggestion = at < 0 ? '' : head.slice(at + 2).trim();
    if (!phrase) return { ok: false, line: index + 1, error: 'a line needs a phrase before “=>” or “|”' };
    const context: { -readonly [K in keyof EntryContext]: EntryContext[K] } = {};
    for (const rule of rules) {
      const eq = rule.indexOf('=');
      const key = (eq < 0 ? rule : rule.slice(0, eq)).trim();
      const value = eq < 0 ? '' : rule.slice(eq + 1).trim();
      if (key === 'subject') {
        if (value !== 'agent')
          return { ok: false, line: index + 1, error: 'subject takes one value: subject=agent' };
        context.subject = 'agentSide';
      } else if (key in LIST_KEYS) {
        const words = value
          .split(',')
          .map((w) => w.trim())
          .filter(Boolean)
          .map((w) => (w === END ? '' : w.toLowerCase()));
        if (words.length === 0)
          return { ok: false, line: index + 1, error: `${key}= needs at least one word` };
        context[LIST_KEYS[key as keyof typeof LIST_KEYS]] = words;
      } else {
        return {
          ok: false,
          line: index + 1,
          error: `unknown rule “${key}” (subject=agent, next=, not-next=, with=, without=)`,
        };
      }
    }
    entries.push({
      phrase,
      ...(suggestion ? { suggestion } : {}),
      ...(Object.keys(context).length > 0 ? { context } : {}),
    });
  }
  return { ok: true, entries };
}

/** One exception a line, blank lines dropped. */
export function textToExceptions(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
