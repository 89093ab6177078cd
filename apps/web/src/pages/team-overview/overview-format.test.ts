import { describe, expect, test } from 'vitest';
import { reviewText } from './overview-format.ts';

describe('reviewText', () => {
  test.each([
    [undefined, 'no reviews'],
    [{ reviews: 0, meanScore: null, meanCriticalScore: null, autoFailed: 0 }, 'no reviews'],
    [{ reviews: 3, meanScore: 0.8417, meanCriticalScore: 1, autoFailed: 0 }, '84 % over 3 reviews'],
    [{ reviews: 1, meanScore: 0, meanCriticalScore: 0, autoFailed: 1 }, '0 % over 1 review · 1 auto-failed'],
  ])('%j reads %j', (review, text) => {
    expect(reviewText(review)).toBe(text);
  });
});
