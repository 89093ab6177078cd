import { describe, expect, test } from 'vitest';
import { phraseMatcher } from '../matcher.ts';
import { normalizePhrase } from '../text.ts';
import { DEFAULT_LEXICONS, extendLexicons, lexiconEntries } from './index.ts';

const lexicons = Object.values(DEFAULT_LEXICONS);

describe('default lexicons', () => {
  test.each(lexicons)('$id: at least 15 distinct entries, citing a seed rule', (lexicon) => {
    expect(lexicon.entries.length).toBeGreaterThanOrEqual(15);
    expect(new Set(lexicon.entries.map((e) => normalizePhrase(e.phrase))).size).toBe(lexicon.entries.length);
    expect(lexicon.rule.seed).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
    expect(lexicon.rule.quote.length).toBeGreaterThan(20);
  });

  test.each(lexicons.filter((l) => l.id !== 'backchannel'))(
    '$id: every phrase without a context rule finds itself in a sentence',
    (lexicon) => {
      const matcher = phraseMatcher(lexicon);
      for (const entry of lexicon.entries.filter((e) => e.context === undefined)) {
        const found = matcher.matchAll(`Well, ${entry.phrase.toUpperCase()} indeed.`);
        expect(found.length, entry.phrase).toBeGreaterThan(0);
      }
    },
  );

  test.each(lexicons)('$id: no exception hides a whole entry', (lexicon) => {
    const matcher = phraseMatcher(lexicon);
    for (const exception of lexicon.exceptions) {
      expect(normalizePhrase(exception), lexicon.id).not.toBe('');
      expect(
        lexicon.entries.some((e) => normalizePhrase(e.phrase) === normalizePhrase(exception)),
        exception,
      ).toBe(false);
    }
    expect(matcher).toBe(phraseMatcher(lexicon));
  });

  test.each(['negativeLanguage', 'jargon', 'absolutePromise'] as const)(
    '%s: every entry has a suggestion',
    (id) => {
      for (const entry of DEFAULT_LEXICONS[id].entries) expect(entry.suggestion, entry.phrase).toBeTruthy();
    },
  );
});

describe('organisation lexicons', () => {
  test('extending keeps the defaults and adds the new entries', () => {
    const entries = lexiconEntries('jargon', extendLexicons({ jargon: [{ phrase: 'FTTP' }] }));
    expect(entries).toHaveLength(DEFAULT_LEXICONS.jargon.entries.length + 1);
    expect(entries.at(-1)).toEqual({ phrase: 'FTTP' });
  });

  test('replacing one list leaves the others at their default', () => {
    const overrides = { thanks: [{ phrase: 'merci' }] };
    expect(lexiconEntries('thanks', overrides)).toEqual([{ phrase: 'merci' }]);
    expect(lexiconEntries('empathy', overrides)).toBe(DEFAULT_LEXICONS.empathy.entries);
  });
});
