import {
  formatMetric,
  formatNumber,
  formatPercent,
  type MetricId,
  metricUnit,
  NO_DATA,
} from '@rapport/metrics';
import { CONVERSION_NOTES, DATASET_TITLES, FINDING_TEXTS } from './finding-texts.ts';
import type {
  Agreement,
  BehaviourFindings,
  ConversationVerdict,
  DatasetFindings,
  Finding,
  Findings,
  LabelFindings,
  SentimentSetFindings,
  TurnVerdictFindings,
} from './findings.ts';
import type { Tally } from './label-comparison.ts';
import { cell, quote, table } from './markdown.ts';
import { CLEAR_RATING } from './sentiment-check.ts';
import { type Figures, fillTemplate } from './template.ts';

/**
 * Renders `docs/metrics-on-real-data.md` from the findings. Pure: the same findings give the same
 * document, so the committed file changes only when the data, the converters or the engine do. Numbers
 * read through the one formatter of packages/metrics; a finding's words are its template.
 */

const EXCERPT_CHARS = 220;

/** A metric value as the dashboard shows it; a value the run lacks reads "no data". */
function valueText(id: MetricId, value: number | null | undefined): string {
  return formatMetric(value ?? null, metricUnit(id));
}

function datasetCounts(data: Findings): Record<string, number> {
  return Object.fromEntries(data.datasets.map((d) => [d.key, d.conversion.items]));
}

function intro(data: Findings): string {
  const items = datasetCounts(data);
  return `Rapport's converters and metric engine run on public customer-service conversations that nobody here wrote (\`../shared/datasets/\`, each folder with its README): ${items.harperValley ?? 0} Harper Valley bank calls (voice), ${items.ibmTwitter ?? 0} IBM Twitter customer-care threads and ${items.abcd ?? 0} ABCD chats. Each set is converted to the interaction log format (\`packages/real-data/src/\`), ingested into a fresh embedded PGlite database, scored per conversation by \`@rapport/metrics\` and per agent by \`agentScorecard\`. The point is to see the metrics fail on real text and say why.`;
}

function conversionNotes(d: DatasetFindings): string[] {
  return CONVERSION_NOTES[d.key].map((note, i) =>
    fillTemplate({ text: note }, d.syntheticClock ?? {}, `conversion note ${i + 1} of ${d.key}`),
  );
}

function converted(data: Findings): string {
  const rows = data.datasets.map((d) => {
    const c = d.conversion;
    return [
      DATASET_TITLES[d.key],
      String(c.items),
      String(c.rejectedByConverter),
      String(c.rejectedAtIngest),
      String(c.stored),
      String(c.turns),
      String(c.agents),
      c.days ? `${c.days.from} – ${c.days.to}` : NO_DATA,
    ];
  });
  const rejected = data.datasets.flatMap((d) =>
    d.rejected.map((r) => [DATASET_TITLES[d.key], `\`${r.source}\``, cell(r.error)]),
  );
  return [
    '## What was converted',
    '',
    table(
      [
        'data set',
        'items',
        'rejected by the converter',
        'rejected at ingest',
        'stored',
        'turns',
        'agents',
        'days (UTC)',
      ],
      rows,
    ),
    '',
    ...data.datasets.flatMap((d) => [
      `**${DATASET_TITLES[d.key]}**`,
      '',
      ...conversionNotes(d).map((n) => `- ${n}`),
      '',
    ]),
    '### Rejected records',
    '',
    rejected.length === 0
      ? 'None.'
      : [
          table(['data set', 'item', 'reason'], rejected),
          '',
          'The ingest refuses these IBM threads because their last turn comes more than 2³¹ − 1 ms (24.8 days) after the first: `turns.start_ms` and the `response_gaps` arrays are PostgreSQL `int` columns (`apps/api/src/db/migrations/2026-11-25-01-initial.ts`), while the interaction log format allows any `startMs` ≥ 0. The records are valid; the storage is too narrow. See "Proposed fixes outside this folder" below.',
        ].join('\n'),
    '',
  ].join('\n');
}

function distributions(data: Findings): string {
  const parts = [
    '## Metric distributions per conversation',
    '',
    "One value per conversation (the engine's fraction num / den), over the stored conversations. `conversationsPerDay` exists only per agent and period and is left out; a metric that is null for every conversation of a set is listed under the table. Values read as on the dashboard: times in ms, s, min, h or d, shares in percent, rates with their base.",
    '',
  ];
  for (const d of data.datasets) {
    const rows = d.distributions.map((row) => [
      `\`${row.metric}\`${row.syntheticTime ? ' (synthetic times: meaningless)' : ''}`,
      String(row.n),
      valueText(row.metric, row.min),
      valueText(row.metric, row.median),
      valueText(row.metric, row.p90),
      valueText(row.metric, row.max),
    ]);
    parts.push(
      `### ${DATASET_TITLES[d.key]} — ${d.conversion.scored} conversations`,
      '',
      table(['metric', 'n', 'min', 'median', 'p90', 'max'], rows),
      '',
      `Null for every conversation: ${d.alwaysNull.map((id) => `\`${id}\``).join(', ') || 'none'}.`,
      '',
    );
  }
  return parts.join('\n');
}

function scorecards(data: Findings): string {
  const parts = [
    '## Per agent (`agentScorecard`, whole date range)',
    '',
    `Every agent's scorecard over ${data.range.from} – ${data.range.to}, read from the stored rollups. Selected columns; the full scorecards hold every metric id of METRICS.md.`,
    '',
  ];
  for (const d of data.datasets) {
    const { agents, columns, shown, mismatches } = d.scorecards;
    parts.push(
      `### ${DATASET_TITLES[d.key]} — ${shown.length} of ${agents} agents${agents > shown.length ? ' (most conversations first)' : ''}`,
      '',
      table(
        ['agent', 'conversations', ...columns.map((c) => `\`${c}\``)],
        shown.map((card) => [
          `\`${card.agentId}\``,
          String(card.conversations),
          ...columns.map((c) => valueText(c, card.values[c])),
        ]),
      ),
      '',
      mismatches.length === 0
        ? `Check: all ${agents} stored scorecards equal the same per-conversation facts pooled in memory (Σ num / Σ den, pooled p90, active days), for every metric.`
        : `**Mismatch** between stored scorecards and in-memory pooling for: ${mismatches.map((a) => `\`${a}\``).join(', ')}.`,
      '',
    );
  }
  return parts.join('\n');
}

function evidenceExamples(data: Findings): string {
  const parts = [
    '## Flagged evidence (examples)',
    '',
    'Up to three flags per metric and data set, from different conversations, in data order: the matched text in bold inside its turn. Flags that mark a *missing* behaviour (no thanks, no name) are not shown. Turn numbers index the converted record (0-based).',
    '',
  ];
  for (const d of data.datasets) {
    const rows = d.flagged.flatMap(({ metric, flags, examples }) =>
      examples.map((e) => [
        `\`${metric}\` (${flags})`,
        `\`${e.conversation}\``,
        String(e.turn),
        quote(e.quote.text, e.quote.start, e.quote.end),
        e.suggestion ? cell(e.suggestion) : '',
      ]),
    );
    parts.push(
      `### ${DATASET_TITLES[d.key]}`,
      '',
      rows.length
        ? table(['metric (flags)', 'conversation', 'turn', 'quoted text', 'suggestion'], rows)
        : 'No flags.',
      '',
    );
  }
  return parts.join('\n');
}

/** A finding's text, its placeholders filled from its figures and its named examples. */
export function findingText(finding: Finding): string {
  const shared = Object.keys(finding.examples).filter((name) => Object.hasOwn(finding.figures, name));
  if (shared.length > 0) {
    throw new Error(`finding ${finding.id}: ${shared.join(', ')} named both as a figure and as examples`);
  }
  const values: Figures = { ...finding.figures, ...finding.examples };
  return fillTemplate(FINDING_TEXTS[finding.id], values, `finding ${finding.id}`);
}

function falsePositives(data: Findings): string {
  const of = (status: Finding['status']) => data.findings.filter((f) => f.status === status);
  return [
    '## False positives found and fixed',
    '',
    '### Fixed in the converters (this folder)',
    '',
    ...of('fixed-in-converter').map((f, i) => `${i + 1}. **${f.title}.** ${findingText(f)}`),
    '',
    '### Found in the engine (`packages/metrics`, not changed here): findings and proposed fixes',
    '',
    ...of('engine').flatMap((f, i) => [`**E${i + 1}. ${f.title}.** ${findingText(f)}`, '']),
    '### Proposed fixes outside this folder',
    '',
    ...of('proposed').map((f) => `- **${f.title}.** ${findingText(f)}`),
    '',
  ].join('\n');
}

const README_REFERENCE_R: Record<string, string> = {
  tweets: '0.872 (paper: 0.881)',
  'Amazon review snippets': '0.590',
};

function agreementText(a: Agreement): string {
  return `${a.agree} / ${a.n} (${formatPercent(a.share, 1)}), ${a.zero} at 0`;
}

function sentimentSection(data: Findings): string {
  const { sets, examples } = data.sentiment;
  const r = (x: number | null) => formatNumber(x, 3);
  const rows = sets.map((s) => [
    s.name,
    String(s.n),
    r(s.engineR),
    `≥ ${s.bar}${s.barMet ? ' (met)' : ' (**not met**)'}`,
    r(s.vaderR),
    README_REFERENCE_R[s.name] ?? '',
    `${s.sameAsPython.same} / ${s.sameAsPython.n}`,
    agreementText(s.engine),
    agreementText(s.vader),
  ]);
  const exampleRows = examples.map((e) => [
    cell(e.text),
    formatNumber(e.vader, 4),
    formatNumber(e.engine, 4),
    e.same ? 'yes' : '**no**',
  ]);
  const differences = sets.flatMap((s) =>
    s.differences.map((d) => [s.name, cell(d.text), formatNumber(d.vader, 4), formatNumber(d.engine, 4)]),
  );
  const worst = sets.flatMap((s) =>
    s.worst.map((w) => [
      s.name,
      cell(w.text),
      formatNumber(w.human, 2),
      formatNumber(w.engine, 3),
      w.vader === null ? '' : formatNumber(w.vader, 3),
    ]),
  );
  return [
    '## Sentiment: the engine against the VADER reference',
    '',
    "The engine's `sentiment` (used for `feedbackSentiment` and `customerSentimentShift`) is VADER 3.3.2 written in TypeScript from the published algorithm, with Rapport's contact-centre phrases and emoji on top (`packages/metrics/src/sentiment/`). It is scored here through the public API (the `feedbackSentiment` of a conversation whose survey comment is the text), against the mean human rating (−4..+4, ~20 raters) of the VADER ground-truth sets. The Python column is the original VADER 3.3.2 compound shipped with the set, correlated the same way, which reproduces the README's figures; \"same as Python\" counts the engine's scores within the Python value's rounding (±0.00005). Sign agreement is counted on clearly rated items, |human mean| ≥ " +
      `${CLEAR_RATING}; a score of exactly 0 (no sentiment word found) agrees with neither side.`,
    '',
    table(
      [
        'set',
        'n',
        'Pearson r, engine',
        'bar',
        'Pearson r, Python VADER 3.3.2',
        'README reference r',
        'same as Python',
        'sign agreement, engine',
        'sign agreement, Python VADER',
      ],
      rows,
    ),
    '',
    `The ${examples.length} examples of the VADER README (VADER value from the Python 3.3.2 code):`,
    '',
    table(['sentence', 'VADER compound', 'engine', 'same'], exampleRows),
    '',
    differences.length === 0
      ? 'Every rated item scores as the Python VADER does.'
      : `The ${differences.length} rated items that score differently from the Python VADER, each because a contact-centre phrase applies (by design: "does not work", "thanks for nothing", "still waiting"…):`,
    '',
    ...(differences.length === 0 ? [] : [table(['set', 'text', 'Python VADER', 'engine'], differences), '']),
    'Clear disagreements with the humans (|mean| ≥ 2, engine on the other side), the worst three per set:',
    '',
    table(['set', 'text', 'human mean', 'engine', 'Python VADER'], worst),
    '',
    reading(sets),
    '',
  ].join('\n');
}

function reading(sets: readonly SentimentSetFindings[]): string {
  const r = (x: number | null) => formatNumber(x, 3);
  const lines = sets.map(
    (s) =>
      `on ${s.name} r = ${r(s.engineR)} (bar ${s.bar}) against the Python VADER's ${r(s.vaderR)}, with ${formatPercent(s.engine.share, 1)} of the clearly rated items on the right side (Python VADER ${formatPercent(s.vader.share, 1)})`,
  );
  const text = lines.join('; ');
  return `**Reading.** ${text.charAt(0).toUpperCase()}${text.slice(1)}. What the humans and VADER still disagree on is mostly sarcasm, domain sense and long mixed reviews, which a word list with rules does not read: sentiment figures stay aggregate trends, never a verdict on one conversation.`;
}

function barText(b: BehaviourFindings): string {
  const bar =
    b.bar.kind === 'precision-recall'
      ? `P ≥ ${formatNumber(b.bar.precision, 2)}, R ≥ ${formatNumber(b.bar.recall, 2)}`
      : `≤ ${b.bar.max} false`;
  return `${bar}: ${b.meetsBar ? 'met' : '**not met**'}`;
}

function tallyCells(t: Tally): string[] {
  return [t.labelled, t.predicted, t.tp, t.fp, t.fn]
    .map(String)
    .concat(formatNumber(t.precision, 2), formatNumber(t.recall, 2));
}

/** The per-turn table, also printed by `pnpm real-data`. */
export function labelTable(labels: LabelFindings): string {
  return table(
    [
      'behaviour',
      'evidence counted',
      'turns',
      'labelled',
      'predicted',
      'TP',
      'FP',
      'FN',
      'precision',
      'recall',
      'bar',
    ],
    labels.behaviours.map((b) => [
      `${b.id} (\`${b.metric}\`)`,
      b.counts,
      String(b.turns),
      ...tallyCells(b.perTurn),
      barText(b),
    ]),
  );
}

function excerpt(text: string): string {
  return cell(text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);
}

function phraseList(phrases: readonly string[]): string {
  return phrases.map((p) => `"${cell(p)}"`).join(', ');
}

function verdictLine(v: TurnVerdictFindings, side: 'fp' | 'fn'): string {
  const why = side === 'fp' ? `engine: ${phraseList(v.evidence)}` : `label: ${phraseList(v.phrases)}`;
  const note = v.note ? ` (label note: ${cell(v.note)})` : '';
  return `- ${v.dataset} \`${v.conversation}\` turn ${v.turn}: "${excerpt(v.text)}" — ${why}${note}`;
}

/** A conversation the metric value gets wrong: its labelled phrases, or its agent turns when none. */
function conversationLine(v: ConversationVerdict): string {
  const shown =
    v.phrases.length > 0
      ? `label: ${phraseList(v.phrases)}`
      : `agent turns: ${v.turns.map((t) => `${t.turn}: "${excerpt(t.text)}"`).join('; ')}`;
  return `- ${v.dataset ?? ''} \`${v.conversation}\`: ${shown}`;
}

function labelSection(labels: LabelFindings): string {
  const instances = labels.behaviours.filter((b) => b.perInstance !== null);
  const opening = labels.behaviours.filter((b) => b.opening);
  const parts = [
    '## The engine against hand labels',
    '',
    `${labels.turns} agent turns of ${labels.conversations} conversations of the three sets, labelled by hand per behaviour before the engine's output was looked at (\`packages/real-data/src/fixtures/labelled-turns.json\`; rules, sample and counts in \`fixtures/LABELLING.md\`). Every labelled conversation is scored by \`computeConversation\` as converted. A predicted positive for a behaviour in a turn is an evidence item of its metric on that turn of the kind that counts: a flag for negative language, jargon, argument and overpromise; a credit for the others (evidence without \`kind\` is a flag unless it is \`missing\`). ${opening.map((b) => `\`${b.metric}\` reads only the agent's first three statements, so ${b.id} is compared on those ${b.turns} turns.`).join(' ')}`,
    '',
    '### Per turn',
    '',
    labelTable(labels),
    '',
    '### Per conversation (from the metric value: numerator above 0)',
    '',
    table(
      ['behaviour', 'conversations', 'labelled', 'predicted', 'TP', 'FP', 'FN', 'precision', 'recall'],
      labels.behaviours.map((b) => [b.id, String(labels.conversations), ...tallyCells(b.perConversation)]),
    ),
    '',
  ];
  if (instances.length > 0) {
    parts.push(
      '### Per instance (behaviours labelled as counts; instances paired within each turn)',
      '',
      table(
        ['behaviour', 'labelled', 'predicted', 'TP', 'FP', 'FN', 'precision', 'recall'],
        instances.map((b) => [b.id, ...tallyCells(b.perInstance as Tally)]),
      ),
      '',
    );
  }
  parts.push('### False positives and misses, per behaviour', '');
  for (const b of labels.behaviours) {
    parts.push(
      `#### ${b.id}: ${b.falsePositives.length} false positive turns, ${b.falseNegatives.length} missed turns`,
      '',
    );
    if (b.falsePositives.length + b.falseNegatives.length === 0) parts.push('None.', '');
    if (b.falsePositives.length > 0) {
      parts.push('False positives:', '', ...b.falsePositives.map((v) => verdictLine(v, 'fp')), '');
    }
    if (b.falseNegatives.length > 0) {
      parts.push('Missed:', '', ...b.falseNegatives.map((v) => verdictLine(v, 'fn')), '');
    }
    const fp = b.conversationFalsePositives;
    const fn = b.conversationFalseNegatives;
    if (fp.length + fn.length > 0) {
      parts.push(`Per conversation (metric value): ${fp.length} false positive, ${fn.length} missed.`, '');
      if (fp.length > 0) parts.push('False positive conversations:', '', ...fp.map(conversationLine), '');
      if (fn.length > 0) parts.push('Missed conversations:', '', ...fn.map(conversationLine), '');
    }
  }
  return parts.join('\n');
}

export function render(data: Findings): string {
  return [
    '# Metrics on real data',
    '',
    '<!-- Generated by `pnpm real-data` (packages/real-data/src/main.ts): do not edit by hand; run it again. -->',
    '',
    intro(data),
    '',
    converted(data),
    distributions(data),
    scorecards(data),
    evidenceExamples(data),
    falsePositives(data),
    sentimentSection(data),
    labelSection(data.labels),
  ].join('\n');
}
