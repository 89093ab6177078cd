import { describe, expect, test } from 'vitest';
import { type CoachingEvidence, selectEvidence } from './evidence.ts';

const piece = (conversationId: string, turnIndex: number, day?: number): CoachingEvidence => ({
  conversationId,
  turnIndex,
  text: `turn ${turnIndex}`,
  start: 0,
  end: 6,
  ...(day === undefined ? {} : { at: `2026-03-0${day}T10:00:00Z` }),
});

const ids = (chosen: CoachingEvidence[]) => chosen.map((e) => `${e.conversationId}#${e.turnIndex}`);

describe('selectEvidence', () => {
  test.each<[string, CoachingEvidence[], string[]]>([
    ['nothing to show', [], []],
    [
      'three distinct conversations, most recent first',
      [piece('c1', 0, 2), piece('c1', 3, 2), piece('c2', 1, 4), piece('c3', 2, 3), piece('c4', 5, 1)],
      ['c2#1', 'c3#2', 'c1#0'],
    ],
    [
      'two conversations: the third slot goes to the next most recent piece',
      [piece('c1', 0, 2), piece('c1', 3, 2), piece('c1', 7, 2), piece('c2', 1, 4)],
      ['c2#1', 'c1#0', 'c1#3'],
    ],
    [
      'undated: input order, distinct conversations first',
      [piece('a', 1), piece('a', 2), piece('b', 1), piece('a', 3)],
      ['a#1', 'b#1', 'a#2'],
    ],
    [
      'undated pieces come after dated ones',
      [piece('u', 1), piece('d', 1, 1), piece('e', 1, 2)],
      ['e#1', 'd#1', 'u#1'],
    ],
    ['fewer than three', [piece('c1', 0)], ['c1#0']],
  ])('%s', (_, candidates, expected) => {
    expect(ids(selectEvidence(candidates))).toEqual(expected);
  });
});
