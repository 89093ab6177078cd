import { readFileSync } from 'node:fs';
import { computeConversation, periodValues } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import { convertAbcdConversation } from './abcd.ts';
import type { RealDataRun, Scored } from './analyse.ts';
import { findings } from './findings.ts';
import { compareWithLabels } from './label-comparison.ts';
import type { LabelledTurn } from './labelled-turns.ts';
import { loadHarperValley } from './load.ts';
import { cell, quote } from './markdown.ts';
import { render } from './render.ts';

describe('markdown', () => {
  test('table cells: markdown escaped, white space collapsed', () => {
    expect(cell('a | b\n*c* <d> en_US')).toBe('a \\| b \\*c\\* \\<d\\> en\\_US');
  });

  test('quote: the match in bold with its context, long matches cut', () => {
    const text = 'Sorry to hear that you cannot access the DLC.';
    expect(quote(text, 23, 29, 10)).toBe('…that you **cannot** access th…');
    expect(quote('x'.repeat(300), 0, 300, 10, 20)).toBe(`**${'x'.repeat(20)}**…`);
  });
});

describe('the report of a hand-built run from the fixtures', () => {
  const score = (records: Scored['record'][]): Scored[] =>
    records.map((record) => ({ record, result: computeConversation(record) }));
  const hv = loadHarperValley(new URL('./fixtures/harper-valley/', import.meta.url).pathname);
  const hvScored = score(hv.flatMap((c) => (c.result.ok ? [c.result.record] : [])));
  const abcdItems = JSON.parse(
    readFileSync(new URL('./fixtures/abcd.json', import.meta.url), 'utf8'),
  ) as unknown[];
  const abcd = abcdItems.map((item, i) => ({
    source: `abcd.json[${i}]`,
    result: convertAbcdConversation(item),
  }));
  const abcdScored = score(abcd.flatMap((c) => (c.result.ok ? [c.result.record] : [])));
  const card = (agentId: string, scored: Scored[]) => ({
    agentId,
    from: '2020-01-01',
    to: '2021-12-31',
    conversations: scored.length,
    definitions: 'v2',
    metrics: periodValues({ conversations: scored.length, activeDays: 1, sums: {}, responseGapsMs: [] }),
  });
  const [abcd77] = abcdScored;
  if (!abcd77) throw new Error('abcd fixture did not convert');
  const noBehaviour = {
    negativeLanguage: 0,
    empathy: false,
    thanks: false,
    clarifyingQuestion: false,
    jargon: 0,
    argument: false,
    overpromise: false,
    paraphrase: false,
    feedbackRequest: false,
  };
  const labelled: LabelledTurn[] = [
    {
      dataset: 'abcd',
      conversation: abcd77.record.id,
      turn: 0,
      text: 'Hi! How can I help you?',
      ...noBehaviour,
      clarifyingQuestion: true,
      phrases: { clarifyingQuestion: ['How can I help you?'] },
    },
    {
      dataset: 'abcd',
      conversation: abcd77.record.id,
      turn: 5,
      text: 'Thanks Ana, it is done.',
      ...noBehaviour,
      thanks: true,
      phrases: { thanks: ['Thanks Ana'] },
      note: 'a | pipe',
    },
  ];
  const run: RealDataRun = {
    datasets: [
      {
        key: 'harperValley',
        converted: hv,
        accepted: 1,
        rejected: [],
        scored: hvScored,
        scorecards: [card('hvb-agent-9', hvScored)],
        scorecardMismatches: [],
      },
      {
        key: 'ibmTwitter',
        converted: [{ source: 'test.json[0]', result: { ok: false, error: 'unexpected input: a | b' } }],
        accepted: 0,
        rejected: [{ source: 'test.json[0]', error: 'unexpected input: a | b' }],
        scored: [],
        scorecards: [],
        scorecardMismatches: [],
      },
      {
        key: 'abcd',
        converted: abcd,
        accepted: 2,
        rejected: [],
        scored: abcdScored,
        scorecards: [card('abcd-agent', abcdScored)],
        scorecardMismatches: ['abcd-agent'],
      },
    ],
    range: { from: '2020-01-01', to: '2021-12-31' },
    probes: {
      harperValley: { nonSpeechSegments: 2, segments: 8, withNoise: hvScored, withChannelStartMs: hvScored },
      ibmTwitter: { withUrlsAsOneWord: [], withHandleAsName: [], replyPrefixes: 0, entities: { '&amp;': 1 } },
    },
    sentiment: {
      sets: [
        {
          name: 'tweets',
          n: 2,
          engineR: 1,
          vaderR: null,
          bar: 0.85,
          sameAsPython: { n: 2, same: 1 },
          differences: [{ id: '7', engine: -0.49, vader: 0.44, text: 'thanks for nothing' }],
          engine: { n: 2, agree: 2, zero: 0 },
          vader: { n: 2, agree: 1, zero: 1 },
          worst: [],
        },
      ],
      examples: [{ text: 'Today SUX!', vader: -0.5461, engine: 0 }],
    },
    labels: {
      labelled,
      turns: 2,
      conversations: 1,
      behaviours: compareWithLabels(labelled, new Map([[abcd77.record.id, abcd77]])),
    },
  };

  test('every section, the rejections with their reason, and mismatches called out', () => {
    const doc = render(findings(run));
    for (const heading of [
      '# Metrics on real data',
      '## What was converted',
      '## Metric distributions per conversation',
      '## Per agent (`agentScorecard`, whole date range)',
      '## Flagged evidence (examples)',
      '## False positives found and fixed',
      '## Sentiment: the engine against the VADER reference',
      '## The engine against hand labels',
      '### Per turn',
      '### Per instance (behaviours labelled as counts; instances paired within each turn)',
      '### False positives and misses, per behaviour',
    ]) {
      expect(`\n${doc}`).toContain(`\n${heading}\n`);
    }
    expect(doc).toContain(
      '| IBM Twitter customer care (chat) | `test.json[0]` | unexpected input: a \\| b |',
    );
    expect(doc).toContain('**Mismatch** between stored scorecards and in-memory pooling for: `abcd-agent`.');
    expect(doc).toContain('`responseTimeMs` (synthetic times: meaningless)');
    expect(doc).toContain('| tweets | 2 | 1.000 | ≥ 0.85 (met) | no data |');
    expect(doc).toContain('| Today SUX! | -0.5461 | 0.0000 | **no** |');
    expect(doc).toContain('| tweets | thanks for nothing | 0.4400 | -0.4900 |');
    // Labelled columns: turns compared, then labelled positives; the engine's side may change.
    expect(doc).toContain('| thanks (`thankRate`) | credit | 2 | 1 |');
    expect(doc).toContain(
      '| argument (`argumentRate`) | flag | 2 | 0 | 0 | 0 | 0 | 0 | no data | no data | ≤ 2 false: met |',
    );
    expect(doc).toContain('so clarifyingQuestion is compared on those 2 turns.');
  });

  test('the findings survive JSON: the document rendered from the written file is the same', () => {
    const found = findings(run);
    expect(render(JSON.parse(JSON.stringify(found)))).toBe(render(found));
  });

  test('the same run renders the same document', () => {
    expect(render(findings(run))).toBe(render(findings(run)));
  });
});
