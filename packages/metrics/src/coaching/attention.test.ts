import { describe, expect, test } from 'vitest';
import { attentionScore } from './attention.ts';

describe('attentionScore', () => {
  test.each([
    ['no opportunities', [], 0],
    // 1.5 + 0.5 steady, 1.0 worsening counted twice: 1.5 + 0.5 + 2 = 4.
    [
      'a worsening opportunity counts twice',
      [
        { score: 1.5, trend: 'steady' as const },
        { score: 0.5, trend: 'not enough data' as const },
        { score: 1, trend: 'worsening' as const },
      ],
      4,
    ],
    ['improving counts once', [{ score: 2, trend: 'improving' as const }], 2],
  ])('%s', (_, opportunities, expected) => {
    expect(attentionScore(opportunities)).toBeCloseTo(expected, 12);
  });
});
