import { describe, expect, test } from 'vitest';
import type { Fraction } from './catalog.ts';
import { type FractionMoments, periodChange, ratioVariance } from './period-change.ts';

/** What SQL adds up over a period's conversations, here from a list written out by hand. */
function moments(fractions: Fraction[]): FractionMoments {
  return fractions.reduce<FractionMoments>(
    (m, f) => ({
      n: m.n + 1,
      num: m.num + f.num,
      den: m.den + f.den,
      numSq: m.numSq + f.num * f.num,
      denSq: m.denSq + f.den * f.den,
      numDen: m.numDen + f.num * f.den,
    }),
    { n: 0, num: 0, den: 0, numSq: 0, denSq: 0, numDen: 0 },
  );
}
const yesNo = (yes: number, of: number) =>
  moments(Array.from({ length: of }, (_, i) => ({ num: i < yes ? 1 : 0, den: 1 })));

describe('the linearised variance of a ratio of sums', () => {
  test('a yes/no rate: R(1 − R) / (n − 1)', () => {
    // 4 of 10: 0.4 · 0.6 / 9 = 0.02666…
    expect(ratioVariance(yesNo(4, 10))).toBeCloseTo(0.24 / 9, 12);
  });

  test('a mean of response gaps pooled over conversations with different numbers of gaps', () => {
    // Three conversations: gaps summing to 10 s over 1 gap, 30 s over 2, 50 s over 2. R = 90/5 = 18 s.
    // Residuals num − 18·den: 10 − 18 = −8; 30 − 36 = −6; 50 − 36 = 14. Squares 64 + 36 + 196 = 296.
    // V = 3/2 · 296 / 5² = 17.76.
    const m = moments([
      { num: 10, den: 1 },
      { num: 30, den: 2 },
      { num: 50, den: 2 },
    ]);
    expect(ratioVariance(m)).toBeCloseTo(17.76, 10);
  });

  test('one conversation has no variance to speak of', () => {
    expect(ratioVariance(yesNo(1, 1))).toBeNull();
  });
});

describe('periodChange', () => {
  test('4 of 10 then 9 of 10 is a real rise', () => {
    // V = 0.24/9 + 0.09/9 = 0.036666…; z = 0.5 / 0.191485 = 2.611 ≥ 1.96.
    const change = periodChange(yesNo(4, 10), yesNo(9, 10));
    expect(change.before).toBe(0.4);
    expect(change.after).toBe(0.9);
    expect(change.difference).toBeCloseTo(0.5, 12);
    expect(change.z).toBeCloseTo(2.6112, 4);
    expect(change.verdict).toBe('up');
  });

  test('4 of 10 then 6 of 10 is inside the noise', () => {
    // V = 2 · 0.24/9 = 0.05333…; z = 0.2 / 0.23094 = 0.866.
    const change = periodChange(yesNo(4, 10), yesNo(6, 10));
    expect(change.z).toBeCloseTo(0.866, 3);
    expect(change.verdict).toBe('within noise');
  });

  test('the same fall is real with ten times the conversations', () => {
    // 60 of 100 then 40 of 100: V = 2 · 0.24/99 = 0.0048485; z = −0.2 / 0.069631 = −2.872.
    const change = periodChange(yesNo(60, 100), yesNo(40, 100));
    expect(change.z).toBeCloseTo(-2.8723, 4);
    expect(change.verdict).toBe('down');
  });

  test('response times: 20 s to 30 s on five calls each, spread ±10 s', () => {
    // Before 10, 15, 20, 25, 30 s (one gap each): R 20, residuals −10, −5, 0, 5, 10: Σ² 250, V = 5/4·250/25 = 12.5.
    // After 20, 25, 30, 35, 40: R 30, the same residuals, V 12.5. z = 10 / √25 = 2.
    const before = moments([10, 15, 20, 25, 30].map((num) => ({ num, den: 1 })));
    const after = moments([20, 25, 30, 35, 40].map((num) => ({ num, den: 1 })));
    const change = periodChange(before, after);
    expect(change.z).toBeCloseTo(2, 12);
    expect(change.verdict).toBe('up');
  });

  test.each([
    ['four conversations before', yesNo(1, 4), yesNo(9, 10)],
    ['no value after', yesNo(4, 10), moments([])],
  ])('%s: not tested', (_, before, after) => {
    expect(periodChange(before, after).verdict).toBe('not tested');
    expect(periodChange(before, after).z).toBeNull();
  });

  test('neither period varies: any difference is real, none is none', () => {
    expect(periodChange(yesNo(0, 6), yesNo(6, 6)).verdict).toBe('up');
    expect(periodChange(yesNo(6, 6), yesNo(6, 6)).verdict).toBe('within noise');
  });
});
