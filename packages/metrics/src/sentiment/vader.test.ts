import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EMOJI_LEXICON_TXT } from './data/emoji-lexicon.data.ts';
import { VADER_LEXICON_TXT } from './data/vader-lexicon.data.ts';
import { vaderCompound } from './vader.ts';
import { vaderLexicons } from './vader-lexicon.ts';

/** The VADER reference suite sits beside the repository (`../shared/datasets/vader-reference/`), as in CI. */
const REFERENCE = fileURLToPath(new URL('../../../../../shared/datasets/vader-reference/', import.meta.url));
const read = (name: string) => readFileSync(`${REFERENCE}${name}`, 'utf8');

/**
 * The Python reference is rounded to 4 decimals and this port returns the unrounded compound, so an
 * exact port differs by at most half the last digit. Every sentence must be within that: a port
 * that only "mostly" agrees hides a wrong rule behind the many sentences it does not touch.
 */
const TOLERANCE = 0.00005 + 1e-12;

function referenceSet(truth: string, python: string) {
  const texts = new Map<string, string>();
  for (const line of read(truth).split(/\r?\n/)) {
    const [id, , ...text] = line.split('\t');
    if (id && text.length > 0) texts.set(id, text.join('\t'));
  }
  return read(python)
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => {
      const [id = '', , compound] = line.split('\t');
      return { id, text: texts.get(id) ?? '', python: Number(compound) };
    });
}

describe('VADER 3.3.2 port against the Python reference output', () => {
  test.each([
    ['tweets', 'tweets_GroundTruth.txt', 'tweets_vader_python_3_3_2.tsv', 4200],
    [
      'Amazon review snippets',
      'amazonReviewSnippets_GroundTruth.txt',
      'amazonReviewSnippets_vader_python_3_3_2.tsv',
      3708,
    ],
  ] as const)("%s: every compound within ±0.00005 of Python's", (_, truth, python, n) => {
    const rows = referenceSet(truth, python);
    expect(rows).toHaveLength(n);
    const off = rows
      .map((r) => ({ ...r, port: vaderCompound(r.text) }))
      .filter((r) => !(Math.abs(r.port - r.python) <= TOLERANCE))
      .map((r) => `${r.id}: python ${r.python}, port ${r.port.toFixed(5)}: ${r.text}`);
    expect(off).toEqual([]);
  });

  test('the 16 README examples, as the Python 3.3.2 code scores them', () => {
    const examples = JSON.parse(read('readme_examples.json')) as {
      text: string;
      python_3_3_2: { compound: number };
    }[];
    expect(examples).toHaveLength(16);
    for (const e of examples) expect(vaderCompound(e.text), e.text).toBeCloseTo(e.python_3_3_2.compound, 4);
  });

  // The rated sets are plain ASCII: these cover the rest of the rules and the quirks kept on
  // purpose, each with the compound the unchanged Python 3.3.2 code prints (run on Python 3.11):
  // the demo's tricky sentences, emoji glued to words, Unicode white space, capitals outside ASCII,
  // "but" finding a repeated value.
  test.each([
    ['Sentiment analysis has never been good.', -0.3412],
    ['Sentiment analysis has never been this good!', 0.5672],
    ['Most automated sentiment analysis tools are shit.', -0.5574],
    ['With VADER, sentiment analysis is the shit!', 0.6476],
    ['Other sentiment analysis tools can be quite bad.', -0.5849],
    ['On the other hand, VADER is quite bad ass', 0.802],
    ['VADER is such a badass!', 0.4003],
    ['Without a doubt, excellent idea.', 0.7013],
    ['Roger Dodger is one of the most compelling variations on this theme.', 0.2944],
    ['Roger Dodger is at least compelling as a variation on the theme.', 0.2263],
    ['Roger Dodger is one of the least compelling variations on this theme.', -0.1695],
    ['Not such a badass after all.', -0.2584],
    ["It was one of the worst movies I've seen, despite good reviews.", -0.7584],
    ['Unbelievably bad acting!!', -0.6572],
    ['VERY poor production.', -0.6281],
    ['VERY BAD movie!', -0.7616],
    ['good but good', 0.7003],
    ['good good but bad', -0.431],
    ['bad but good bad', -0.4854],
    ['no problem', 0.3089],
    ['no good', -0.3412],
    ['I love it😍so much', 0.802],
    ['Great😁!', 0.8122],
    ['ÉNORME SUCCESS good', 0.8091],
    ['good\u00a0day\u0085nice', 0.6908],
    ['good\ufeffday', 0.0],
    ['least good', -0.3412],
    ['I am sort of happy', 0.5279],
    ['good??', 0.504],
    ['good????', 0.594],
    ['bad!!!!!!', -0.6876],
    ['yeah right', 0.296],
    ['the food was to die for', -0.5994],
    ['no, not good or bad', 0.1139],
    ['😡😡😡', 0.0],
    ['Fantastic :-)', 0.7096],
    ['HAPPY', 0.5719],
    ['HAPPY sad', 0.3254],
    ['#fail', -0.5423],
    ["'good'", 0.4404],
  ] as const)('%j → %d', (text, python) => {
    expect(Math.abs(vaderCompound(text) - python)).toBeLessThanOrEqual(TOLERANCE);
  });

  test.each(['', '   ', '\n', 'the a of'])('%j has no sentiment word: 0', (text) => {
    expect(vaderCompound(text)).toBe(0);
  });
});

describe('the shipped data', () => {
  test.each([
    ['vader_lexicon.txt', VADER_LEXICON_TXT],
    ['emoji_utf8_lexicon.txt', EMOJI_LEXICON_TXT],
  ])('%s is the reference file, unchanged', (file, embedded) => {
    expect(embedded === read(file)).toBe(true);
  });

  test('7,506 tokens (7,520 lines, a later duplicate wins) and the single-code-point emoji', () => {
    const { valence, emoji } = vaderLexicons();
    expect(valence.size).toBe(7506);
    expect(valence.get('great')).toBe(3.1);
    expect(emoji.get('😡')).toBe('pouting face');
    expect(emoji.has('👍🏻')).toBe(false); // two code points: VADER can never match it
  });
});
