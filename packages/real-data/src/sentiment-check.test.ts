import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DATASET_FOLDERS } from './load.ts';
import {
  engineSentiment,
  parseGroundTruth,
  parseReadmeExamples,
  parseVaderScores,
  REFERENCE_SETS,
  SAME_AS_PYTHON,
  signAgreement,
} from './sentiment-check.ts';
import { pearson } from './stats.ts';

// The public data sets live beside the repository (`../shared/datasets`); CI has the folder too.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const vaderFolder = path.resolve(repoRoot, '../shared/datasets', DATASET_FOLDERS.vader);

describe('reading the VADER reference files', () => {
  test('ground truth: id, mean, text with CRLF line ends; tabs inside the text kept', () => {
    const content = '1\t2.7\tSo happy today\r\n2\t-1.5\tNot\tgood\r\nbroken line\r\n';
    expect(parseGroundTruth(content)).toEqual([
      { id: '1', human: 2.7, text: 'So happy today' },
      { id: '2', human: -1.5, text: 'Not\tgood' },
    ]);
  });

  test('Python scores: header skipped, compound per id', () => {
    const content = 'id\thuman_mean\tvader_python_3_3_2_compound\n1\t2.7\t0.9571\n309_8\t-2.75\t0.0\n';
    expect([...parseVaderScores(content)]).toEqual([
      ['1', 0.9571],
      ['309_8', 0],
    ]);
  });

  test('README examples: the Python 3.3.2 compound, not the printed one', () => {
    const json = [
      { text: 'Not bad at all', readme: { compound: 0.1 }, python_3_3_2: { compound: 0.431 } },
      {},
    ];
    expect(parseReadmeExamples(json)).toEqual([{ text: 'Not bad at all', vader: 0.431 }]);
  });
});

describe('signAgreement on clearly rated items (|mean| ≥ 1)', () => {
  test('counts agreement, zeros, and leaves mild items out', () => {
    //                 clear+  clear-  mild   clear+ (0)  clear- (wrong side)
    const humans = [2, -3, 0.5, 1, -1];
    const scores = [0.4, -0.2, -0.9, 0, 0.3];
    expect(signAgreement(humans, scores)).toEqual({ n: 4, agree: 2, zero: 1 });
  });
});

describe('engineSentiment: the value feedbackSentiment stores for a comment', () => {
  test('in [−1, 1], negation counts, empty is 0', () => {
    expect(engineSentiment('The agent was wonderful, thank you!')).toBeGreaterThan(0);
    expect(engineSentiment('not helpful at all')).toBeLessThan(0);
    expect(engineSentiment('   ')).toBe(0);
  });
});

describe('the engine on the rated sets (METRICS.md feedbackSentiment, issue 11)', () => {
  const read = (name: string) => readFileSync(path.join(vaderFolder, name), 'utf8');

  test.each(REFERENCE_SETS)('$name: Pearson r against the human means ≥ $bar', ({ truth, bar }) => {
    const rows = parseGroundTruth(read(truth));
    const r = pearson(
      rows.map((row) => engineSentiment(row.text)),
      rows.map((row) => row.human),
    );
    expect(r).not.toBeNull();
    expect(r as number).toBeGreaterThanOrEqual(bar);
  });

  // The contact-centre phrases move only the items that contain one (6 tweets, 19 snippets today).
  test.each(REFERENCE_SETS)(
    '$name: ≥ 99 % of scores equal the Python VADER 3.3.2 compound',
    ({ truth, python }) => {
      const texts = new Map(parseGroundTruth(read(truth)).map((row) => [row.id, row.text]));
      const scores = [...parseVaderScores(read(python))];
      const same = scores.filter(
        ([id, vader]) => Math.abs(engineSentiment(texts.get(id) ?? '') - vader) <= SAME_AS_PYTHON,
      );
      expect(scores.length).toBe(texts.size);
      expect(same.length / scores.length).toBeGreaterThanOrEqual(0.99);
    },
  );
});
