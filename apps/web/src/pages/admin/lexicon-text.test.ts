import { describe, expect, test } from 'vitest';
import { entriesToText, textToEntries, textToExceptions } from './lexicon-text.ts';

describe('the lexicon editor’s text form', () => {
  test('reads phrases, suggestions and context rules', () => {
    const read = textToEntries(
      [
        'thanks',
        "can't => What I can do is… | subject=agent",
        'you should have | next=read,Called',
        "won't | subject=agent | not-next=(end)",
        "100% => I expect… | with=i'll,we will | without=not sure",
        '',
      ].join('\n'),
    );
    expect(read).toEqual({
      ok: true,
      entries: [
        { phrase: 'thanks' },
        { phrase: "can't", suggestion: 'What I can do is…', context: { subject: 'agentSide' } },
        { phrase: 'you should have', context: { nextWordIn: ['read', 'called'] } },
        { phrase: "won't", context: { subject: 'agentSide', nextWordNotIn: [''] } },
        {
          phrase: '100%',
          suggestion: 'I expect…',
          context: { sentenceHas: ["i'll", 'we will'], sentenceLacks: ['not sure'] },
        },
      ],
    });
  });

  test('writes what it reads: the round trip keeps every field', () => {
    const entries = [
      { phrase: "can't", suggestion: 'What I can do is…', context: { subject: 'agentSide' as const } },
      { phrase: "won't", context: { subject: 'agentSide' as const, nextWordNotIn: [''] } },
      { phrase: 'any feedback', context: { sentenceHas: ['chat', 'service'], sentenceLacks: ['ideas'] } },
    ];
    const text = entriesToText(entries);
    expect(text).toBe(
      [
        "can't => What I can do is… | subject=agent",
        "won't | subject=agent | not-next=(end)",
        'any feedback | with=chat,service | without=ideas',
      ].join('\n'),
    );
    expect(textToEntries(text)).toEqual({ ok: true, entries });
  });

  test.each([
    ['=> only a suggestion', 1, 'a line needs a phrase'],
    ['ok\nsorry | subject=customer', 2, 'subject takes one value'],
    ['sorry | next=', 1, 'next= needs at least one word'],
    ['sorry | near=x', 1, 'unknown rule “near”'],
  ])('%j is refused at line %i', (text, line, error) => {
    const read = textToEntries(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.line).toBe(line);
      expect(read.error).toContain(error);
    }
  });

  test('exceptions: one a line, blanks dropped', () => {
    expect(textToExceptions("no problem\n\n  can't thank you enough  \n")).toEqual([
      'no problem',
      "can't thank you enough",
    ]);
  });
});
