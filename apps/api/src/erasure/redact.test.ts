import { describe, expect, test } from 'vitest';
import { REDACTED, redact, redactionTerms } from './redact.ts';

describe('redactionTerms', () => {
  test('the id and whole names, longest first; name parts only when asked', () => {
    expect(redactionTerms('cu-9', ['Sam Lee'], { nameParts: false })).toEqual(['Sam Lee', 'cu-9']);
    expect(redactionTerms('cu-9', ['Sam Lee', ' ', 'J Lee'], { nameParts: true })).toEqual([
      'Sam Lee',
      'J Lee',
      'cu-9',
      'Sam',
      'Lee',
    ]);
  });
});

describe('redact', () => {
  const terms = redactionTerms('cu-9', ['Sam Lee'], { nameParts: true });
  test.each([
    { text: 'Sam Lee called twice', expected: `${REDACTED} called twice` },
    { text: 'thanks, sam!', expected: `thanks, ${REDACTED}!` },
    { text: 'Samuel and Leeds stay', expected: 'Samuel and Leeds stay' },
    { text: 'customer cu-9 (cu-90 is another)', expected: `customer ${REDACTED} (cu-90 is another)` },
    { text: 'Dear Lee, Sam here', expected: `Dear ${REDACTED}, ${REDACTED} here` },
  ])('"$text"', ({ text, expected }) => {
    expect(redact(text, terms)).toBe(expected);
  });

  test('characters that mean something in a pattern are taken literally', () => {
    expect(redact('ask (a+b) today', ['(a+b)'])).toBe(`ask ${REDACTED} today`);
  });
});
