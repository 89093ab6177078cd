import { describe, expect, test } from 'vitest';
import { turnLabel } from './turn-label.ts';

describe('turnLabel', () => {
  test.each([
    [{ index: 0, speaker: 'agent', text: 'Hello, Sam.' }, 'Turn 1 · agent: Hello, Sam.'],
    // White space folded; 65 characters, cut after "order", the last whole word in the first 48.
    [
      {
        index: 4,
        speaker: 'customer',
        text: '  My card\nwas charged twice for the same order last Tuesday evening',
      },
      'Turn 5 · customer: My card was charged twice for the same order…',
    ],
    [{ index: 1, speaker: 'agent', text: 'x'.repeat(60) }, `Turn 2 · agent: ${'x'.repeat(48)}…`],
  ])('%j reads %j', (turn, label) => {
    expect(turnLabel(turn)).toBe(label);
  });
});
