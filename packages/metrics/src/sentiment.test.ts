import { describe, expect, test } from 'vitest';
import { CONTACT_CENTRE_EMOJI, CONTACT_CENTRE_IDIOMS } from './sentiment/contact-centre-idioms.ts';
import { vaderCompound } from './sentiment/vader.ts';
import { vaderLexicons } from './sentiment/vader-lexicon.ts';
import { sentiment } from './sentiment.ts';

/** VADER's normalisation, to write the expected values out by hand. */
const norm = (sum: number) => sum / Math.sqrt(sum * sum + 15);

describe('sentiment: VADER 3.3.2 with the contact-centre phrases', () => {
  // text, what VADER alone gives (why the phrase is needed), hand-worked sum of valences
  test.each([
    ['Thanks for nothing.', 0.4404, -2.2], // "thanks" +1.9 replaced by the phrase's −2.2
    ['Still waiting for a reply', 0, -1.6],
    ['I was on hold for an hour', 0, -1.3],
    ['Never again.', 0, -2.5],
    ["It doesn't work", 0, -2.3],
    ['The app does not work', 0, -2.3],
    ['It doesn’t work', 0, -2.3], // a phone's apostrophe
    ['Still not fixed', 0, -2.1],
    ["I can't thank you enough!", -0.3404, 3.0 + 0.292], // VADER: "thank" negated; "!" +0.292
    ['nice but still not fixed', 0.2263, 1.8 * 0.5 - 2.1 * 1.5], // "but": before × 0.5, after × 1.5
    ['Great service 😡', 0.6249, 3.1 * 0.5 - 2.7 * 1.5], // the emoji's verdict over the words, weighted as "but"
    ['GREAT service 😡', 0.7034, (3.1 + 0.733) * 0.5 - 2.7 * 1.5], // capitals still add their 0.733
  ])('%j: VADER alone %d, here the sum %d', (text, vader, sum) => {
    expect(vaderCompound(text)).toBeCloseTo(vader, 4);
    expect(sentiment(text)).toBeCloseTo(norm(sum), 10);
  });

  test.each([
    ['not helpful at all', -1.8 * 0.74], // VADER's negation: "helpful" +1.8 × −0.74
    ['Very helpful, thank you!', 1.8 + 0.293 + 1.5 + 0.293 * 0.95 + 0.292], // "very" boosts both, the second at 0.95; "!" +0.292
    ['Great service 😍', 3.1 + 2.0], // a positive emoji is VADER's own: "smiling" +2.0 of its description
    ['Thanks 🙄', 1.9 * 0.5 - 1.6 * 1.5], // passive-aggressive thanks
    ['Awful wait 🙄', -2.0 - 1.6], // both negative: no verdict weighting, just the emoji's valence
  ])('%j: sum %d', (text, sum) => {
    expect(sentiment(text)).toBeCloseTo(norm(sum), 10);
  });

  test('where the phrases are absent, the score is VADER’s compound', () => {
    for (const text of ['The agent was rude and I am furious', 'Not bad at all', 'Today SUX!', 'ok']) {
      expect(sentiment(text)).toBe(vaderCompound(text));
    }
  });

  test.each(['', '   ', '\n'])('empty text %j is neutral', (text) => {
    expect(sentiment(text)).toBe(0);
  });

  test('scores stay within [−1, 1]', () => {
    for (const text of [
      'awful awful awful terrible horrible!!!!',
      'amazing wonderful superb fantastic 😍😍😍',
    ]) {
      const score = sentiment(text);
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});

describe('the contact-centre tables', () => {
  test('every emoji is one VADER describes (else its phrase could never match)', () => {
    const { emoji } = vaderLexicons();
    for (const e of CONTACT_CENTRE_EMOJI) expect(emoji.has(e.emoji), e.emoji).toBe(true);
  });

  test('every phrase is needed: VADER alone does not already score it on the phrase’s side', () => {
    for (const { phrase, valence } of CONTACT_CENTRE_IDIOMS) {
      expect(Math.sign(vaderCompound(phrase)) === Math.sign(valence), phrase).toBe(false);
      expect(Math.sign(sentiment(phrase)), phrase).toBe(Math.sign(valence));
    }
  });

  test('valences are on VADER’s scale and anchored to a lexicon word', () => {
    const { valence } = vaderLexicons();
    for (const entry of [...CONTACT_CENTRE_IDIOMS, ...CONTACT_CENTRE_EMOJI]) {
      expect(Math.abs(entry.valence)).toBeLessThanOrEqual(4);
      expect(valence.has(entry.like.split(' ')[0] as string), entry.like).toBe(true);
    }
  });
});
