import {
  type Evidence,
  formatDuration,
  formatMetric,
  formatPercent,
  METRICS,
  type MetricId,
  metricUnit,
  NO_DATA,
} from '@rapport/metrics';
import { ABCD_START, ABCD_TURN_STEP_MS } from './abcd.ts';
import type { DatasetKey, DatasetRun, LabelJudgement, RealDataRun, Scored } from './analyse.ts';
import type { BehaviourComparison, Tally, TurnVerdict } from './label-comparison.ts';
import { isBareModal, isUnpunctuatedQuestion, negationSubject, urlSpans } from './probes.ts';
import { CLEAR_RATING, SAME_AS_PYTHON, type SignAgreement } from './sentiment-check.ts';
import { distribution } from './stats.ts';

/**
 * Renders `docs/metrics-on-real-data.md` from a run. Pure: the same run gives the same document, so
 * the committed file changes only when the data, the converters or the engine do.
 */
const TITLES: Record<DatasetKey, string> = {
  harperValley: 'Harper Valley Bank (voice)',
  ibmTwitter: 'IBM Twitter customer care (chat)',
  abcd: 'ABCD (chat)',
};

const CONVERSION_NOTES: Record<DatasetKey, string[]> = {
  harperValley: [
    'one call = one transcript file + one metadata file; turn times are `start_timestamp_ms` minus the call start (`start_time_ms`)',
    'segments whose corrected text is only non-speech tags (`[noise]`, `[laughter]`) are dropped; `<unk>` is kept as speech',
    'agent = metadata agent `speaker_id` (`hvb-agent-<id>`); the persona name is not used; customer name = metadata "first and last name"',
    'CSAT = ceil(caller `partner_rating` / 2): 1–2 → 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5',
  ],
  ibmTwitter: [
    'the last agent turn (`agentURL.url_utterance`) is timed from its tweet id, `(id >> 22) + 1288834974657` ms in BigInt, floored to the second like every other message',
    'text: reply prefix (`@handle …`) removed, `&amp;` / `&gt;` / `&lt;` decoded; `client` and `client1` are customer turns',
    'agent = brand, or `Brand/Signature` when the agent signs (`^JS`, `*SR`, `~Olivia`, `-Karla`, `/SQ`); team = brand; the customer has no name (a handle is not a name)',
    'channel `chat`, so the chat response target (60 s) applies; no outcome, survey or event data',
  ],
  abcd: [
    `no timestamps: every conversation starts at ${ABCD_START} and turn i starts at i × ${ABCD_TURN_STEP_MS / 1000} s, so **every time-based metric is meaningless for ABCD** (first response, response times, p90, within target, handle time, conversations per day)`,
    '`action` turns are `system` turns (ignored by every metric); text from `original`',
    'one agent, `abcd-agent` (crowd workers are anonymous); customer name = `scenario.personal.customer_name`, capitalised',
  ],
};

const AGENT_COLUMNS: Record<DatasetKey, MetricId[]> = {
  harperValley: [
    'responseTimeMs',
    'interruptionsPerConversation',
    'talkRatio',
    'clarifyingQuestionRate',
    'thankRate',
    'avgSentenceWords',
    'personalizationRate',
    'csat',
  ],
  ibmTwitter: [
    'responseTimeMs',
    'responseWithinTargetRate',
    'clarifyingQuestionRate',
    'empathyRate',
    'thankRate',
    'negativeLanguagePer100Words',
    'avgSentenceWords',
    'customerSentimentShift',
  ],
  abcd: [
    'clarifyingQuestionRate',
    'empathyRate',
    'thankRate',
    'personalizationRate',
    'negativeLanguagePer100Words',
    'overpromiseRate',
    'avgSentenceWords',
    'customerSentimentShift',
  ],
};

/** Metrics that only measure time: artefacts of the synthetic clock for ABCD. */
const TIME_METRICS = new Set<MetricId>([
  'firstResponseMs',
  'responseTimeMs',
  'responseTimeP90Ms',
  'responseWithinTargetRate',
  'handleTimeMs',
]);
/** Evidence that spans a whole turn (a late response), not a phrase in it. */
const WHOLE_TURN_EVIDENCE = new Set<MetricId>(['responseWithinTargetRate', 'interruptionsPerConversation']);

const MAX_AGENT_ROWS = 10;
const EXAMPLES_PER_METRIC = 3;

/** A metric value as the dashboard shows it; a value the run lacks reads "no data". */
function valueText(id: MetricId, value: number | null | undefined): string {
  return formatMetric(value ?? null, metricUnit(id));
}

/** Text safe inside a markdown table cell. */
export function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .trim();
}

/** The matched span in bold with some of its turn around it. */
export function quote(turnText: string, start: number, end: number, context = 50, longest = 140): string {
  const cut = end - start > longest;
  const before = turnText.slice(Math.max(0, start - context), start);
  const after = cut ? '' : turnText.slice(end, end + context);
  const lead = start - context > 0 ? '…' : '';
  const tail = cut || end + context < turnText.length ? '…' : '';
  const match = cell(turnText.slice(start, cut ? start + longest : end));
  return `${lead}${cell(before)}${/\s$/.test(before) ? ' ' : ''}**${match}**${/^\s/.test(after) ? ' ' : ''}${cell(after)}${tail}`;
}

function value(scored: Scored, id: MetricId): number | null {
  const f = scored.result.metrics[id];
  return f && f.den > 0 ? f.num / f.den : null;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function percent(part: number, whole: number): string {
  return formatPercent(whole === 0 ? null : part / whole, 1);
}

function run(runData: RealDataRun, key: DatasetKey): DatasetRun {
  const found = runData.datasets.find((d) => d.key === key);
  if (!found) throw new Error(`no run for ${key}`);
  return found;
}

interface Flag {
  scored: Scored;
  evidence: Evidence;
  turnText: string;
}

function flags(scored: readonly Scored[], metric?: MetricId): Flag[] {
  return scored.flatMap((s) =>
    s.result.evidence
      .filter((e) => e.kind === 'flag' && (metric === undefined || e.metric === metric))
      .map((evidence) => ({ scored: s, evidence, turnText: s.record.turns[evidence.turnIndex]?.text ?? '' })),
  );
}

function flagQuote(flag: Flag): string {
  return quote(flag.turnText, flag.evidence.start, flag.evidence.end);
}

function sum(scored: readonly Scored[], id: MetricId): { num: number; den: number } {
  return scored.reduce(
    (acc, s) => {
      const f = s.result.metrics[id];
      return f ? { num: acc.num + f.num, den: acc.den + f.den } : acc;
    },
    { num: 0, den: 0 },
  );
}

function pooled(scored: readonly Scored[], id: MetricId): number | null {
  const { num, den } = sum(scored, id);
  return den > 0 ? num / den : null;
}

// ─── sections ──────────────────────────────────────────────────────────────────────────────────────

function converted(data: RealDataRun): string {
  const rows = data.datasets.map((d) => {
    const records = d.scored.map((s) => s.record);
    const turns = records.reduce((n, r) => n + r.turns.length, 0);
    const agents = new Set(records.map((r) => r.agent.id)).size;
    const days = records.map((r) => r.startedAt.slice(0, 10)).sort();
    const failedConversion = d.converted.filter((c) => !c.result.ok).length;
    return [
      TITLES[d.key],
      String(d.converted.length),
      String(failedConversion),
      String(d.rejected.length - failedConversion),
      String(d.accepted),
      String(turns),
      String(agents),
      days.length ? `${days[0]} – ${days.at(-1)}` : NO_DATA,
    ];
  });
  const rejected = data.datasets.flatMap((d) =>
    d.rejected.map((r) => [TITLES[d.key], `\`${r.source}\``, cell(r.error)]),
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
      `**${TITLES[d.key]}**`,
      '',
      ...CONVERSION_NOTES[d.key].map((n) => `- ${n}`),
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

function distributions(data: RealDataRun): string {
  const parts = ['## Metric distributions per conversation', ''];
  parts.push(
    "One value per conversation (the engine's fraction num / den), over the stored conversations. `conversationsPerDay` exists only per agent and period and is left out; a metric that is null for every conversation of a set is listed under the table. Values read as on the dashboard: times in ms, s, min, h or d, shares in percent, rates with their base.",
    '',
  );
  for (const d of data.datasets) {
    const rows: string[][] = [];
    const empty: string[] = [];
    for (const metric of METRICS) {
      if (metric.id === 'conversationsPerDay') continue;
      const dist = distribution(d.scored.flatMap((s) => value(s, metric.id) ?? []));
      if (!dist) {
        empty.push(`\`${metric.id}\``);
        continue;
      }
      const meaningless =
        d.key === 'abcd' && TIME_METRICS.has(metric.id) ? ' (synthetic times: meaningless)' : '';
      rows.push([
        `\`${metric.id}\`${meaningless}`,
        String(dist.n),
        valueText(metric.id, dist.min),
        valueText(metric.id, dist.median),
        valueText(metric.id, dist.p90),
        valueText(metric.id, dist.max),
      ]);
    }
    parts.push(
      `### ${TITLES[d.key]} — ${d.scored.length} conversations`,
      '',
      table(['metric', 'n', 'min', 'median', 'p90', 'max'], rows),
      '',
      `Null for every conversation: ${empty.join(', ') || 'none'}.`,
      '',
    );
  }
  return parts.join('\n');
}

function scorecards(data: RealDataRun): string {
  const parts = [
    '## Per agent (`agentScorecard`, whole date range)',
    '',
    `Every agent's scorecard over ${data.range.from} – ${data.range.to}, read from the stored rollups. Selected columns; the full scorecards hold every metric id of METRICS.md.`,
    '',
  ];
  for (const d of data.datasets) {
    const cards = [...d.scorecards].sort(
      (a, b) => b.conversations - a.conversations || a.agentId.localeCompare(b.agentId),
    );
    const shown = cards.slice(0, MAX_AGENT_ROWS);
    const columns = AGENT_COLUMNS[d.key];
    parts.push(
      `### ${TITLES[d.key]} — ${shown.length} of ${cards.length} agents${cards.length > shown.length ? ' (most conversations first)' : ''}`,
      '',
      table(
        ['agent', 'conversations', ...columns.map((c) => `\`${c}\``)],
        shown.map((card) => [
          `\`${card.agentId}\``,
          String(card.conversations),
          ...columns.map((c) => valueText(c, card.metrics[c])),
        ]),
      ),
      '',
      d.scorecardMismatches.length === 0
        ? `Check: all ${cards.length} stored scorecards equal the same per-conversation facts pooled in memory (Σ num / Σ den, pooled p90, active days), for every metric.`
        : `**Mismatch** between stored scorecards and in-memory pooling for: ${d.scorecardMismatches.map((a) => `\`${a}\``).join(', ')}.`,
      '',
    );
  }
  return parts.join('\n');
}

function evidenceExamples(data: RealDataRun): string {
  const parts = [
    '## Flagged evidence (examples)',
    '',
    'Up to three flags per metric and data set, from different conversations, in data order: the matched text in bold inside its turn. Flags that mark a *missing* behaviour (no thanks, no name) are not shown. Turn numbers index the converted record (0-based).',
    '',
  ];
  for (const d of data.datasets) {
    const all = flags(d.scored);
    const rows: string[][] = [];
    for (const metric of METRICS) {
      const ofMetric = all.filter((f) => f.evidence.metric === metric.id);
      const seen = new Set<string>();
      const picked = ofMetric.filter((f) => {
        if (seen.has(f.scored.record.id) || seen.size >= EXAMPLES_PER_METRIC) return false;
        seen.add(f.scored.record.id);
        return true;
      });
      for (const f of picked) {
        rows.push([
          `\`${metric.id}\` (${ofMetric.length})`,
          `\`${f.scored.record.id}\``,
          String(f.evidence.turnIndex),
          flagQuote(f),
          f.evidence.suggestion ? cell(f.evidence.suggestion) : '',
        ]);
      }
    }
    parts.push(
      `### ${TITLES[d.key]}`,
      '',
      rows.length
        ? table(['metric (flags)', 'conversation', 'turn', 'quoted text', 'suggestion'], rows)
        : 'No flags.',
      '',
    );
  }
  return parts.join('\n');
}

function falsePositives(data: RealDataRun): string {
  const hv = run(data, 'harperValley');
  const ibm = run(data, 'ibmTwitter');
  const abcd = run(data, 'abcd');
  const { harperValley: hvProbe, ibmTwitter: ibmProbe } = data.probes;
  const parts = ['## False positives found and fixed', ''];

  // ── fixed in the converters
  parts.push('### Fixed in the converters (this folder)', '');
  const noiseFlags = flags(hvProbe.withNoise, 'interruptionsPerConversation');
  const shiftFlags = flags(hvProbe.withChannelStartMs, 'interruptionsPerConversation');
  const interruptions = flags(hv.scored, 'interruptionsPerConversation').length;
  parts.push(
    `1. **Harper Valley \`[noise]\` segments as speech.** ${hvProbe.nonSpeechSegments} of ${hvProbe.segments} segments are only non-speech tags. Kept as turns, they give ${noiseFlags.length} interruptions in ${new Set(noiseFlags.map((f) => f.scored.record.id)).size} calls (${noiseFlags.map((f) => `\`${f.scored.record.id}\` turn ${f.evidence.turnIndex}`).join(', ')}) and move the agents' pooled talk ratio from ${pooled(hv.scored, 'talkRatio')?.toFixed(3)} to ${pooled(hvProbe.withNoise, 'talkRatio')?.toFixed(3)}. The converter drops them: ${interruptions} interruptions in all ${hv.scored.length} calls.`,
    `2. **Harper Valley channel clocks.** Timed by each channel's \`start_ms\`, the agent channel runs ~2 s late in some calls and the engine finds ${shiftFlags.length} interruption${shiftFlags.length === 1 ? '' : 's'}: ${shiftFlags.map((f) => `\`${f.scored.record.id}\` turn ${f.evidence.turnIndex}, ${flagQuote(f)}`).join('; ') || 'none'}. The converter uses \`start_timestamp_ms\` (one clock for both channels).`,
    `3. **Harper Valley personas.** \`agent_name\` is a scripted persona (speaker 17 plays "Robert" and "Jennifer"); agents are keyed by \`speaker_id\`: ${new Set(hv.scored.map((s) => s.record.agent.id)).size} agents for ${hv.scored.length} calls. The "my name is linda" trap (agent persona and caller both Linda) is handled by the engine's name-use rule: personalization is ${hv.scored.map((s) => valueText('personalizationRate', value(s, 'personalizationRate'))).join(' / ')} for the ${hv.scored.length} calls.`,
  );
  const handleRate = pooled(ibmProbe.withHandleAsName, 'personalizationRate');
  parts.push(
    `4. **IBM reply prefixes and handles.** ${ibmProbe.replyPrefixes} tweets open with \`@handle\` mentions, which Twitter keeps out of the displayed text; the converter drops them, and the customer gets no name. Read naively (prefix kept, handle as the name), the engine takes a capitalised \`@Handle\` in the agent's reply for the customer's name in use: a personalization rate of ${valueText('personalizationRate', handleRate)} over ${sum(ibmProbe.withHandleAsName, 'personalizationRate').den} conversations, earned by Twitter's reply mechanics, where the true value is unknown (null).`,
    `5. **IBM HTML entities.** ${Object.entries(ibmProbe.entities)
      .map(([e, n]) => `${n} × \`${e}\``)
      .join(', ')} decoded; otherwise "amp" and "gt" count as agent words.`,
    '6. **IBM last turn without a time.** Taken from the tweet id (BigInt: ids exceed 2⁵³); `dialogHeader.duration` is not used because past 24 h it wraps or turns negative ("-00:00:19.").',
    `7. **ABCD actions.** \`action\` turns ("Account has been pulled up for …") are system turns: they are neither agent words nor responses (${abcd.scored.reduce((n, s) => n + s.record.turns.filter((t) => t.speaker === 'system').length, 0)} in ${abcd.scored.length} conversations).`,
    '',
  );

  // ── engine
  parts.push(
    '### Found in the engine (`packages/metrics`, not changed here): findings and proposed fixes',
    '',
  );
  parts.push(urlFinding(ibm, ibmProbe.withUrlsAsOneWord));
  parts.push(negativeLanguageFinding(data));
  parts.push(lexiconContextFindings(data));
  parts.push(unpunctuatedFinding(hv));
  parts.push(eventlessFinding(data));
  parts.push(targetFinding(ibm));
  parts.push(
    '### Proposed fixes outside this folder',
    '',
    `- **Storage of long conversations (apps/api, database).** ${ibm.rejected.length} valid IBM threads are refused at ingest because a turn starts more than 2³¹ − 1 ms after the conversation: make \`turns.start_ms\`, \`turns.end_ms\` and the \`response_gaps\` arrays \`bigint\` (or \`float8\`), or state a limit in the format and reject such records at validation with that reason instead of a database error.`,
    '',
  );
  return parts.join('\n');
}

function urlFinding(ibm: DatasetRun, masked: readonly Scored[]): string {
  const insideUrl = flags(ibm.scored).filter(
    (f) =>
      !WHOLE_TURN_EVIDENCE.has(f.evidence.metric) &&
      urlSpans(f.turnText).some((u) => f.evidence.start < u.end && f.evidence.end > u.start),
  );
  const byMetric = new Map<string, number>();
  for (const f of insideUrl) byMetric.set(f.evidence.metric, (byMetric.get(f.evidence.metric) ?? 0) + 1);
  const questionOnlyByUrl = ibm.scored.filter((s, i) => {
    const m = masked[i];
    return value(s, 'clarifyingQuestionRate') === 1 && m && value(m, 'clarifyingQuestionRate') === 0;
  }).length;
  const rows: [string, string, string][] = [
    [
      'agent words',
      String(sum(ibm.scored, 'negativeLanguagePer100Words').den),
      String(sum(masked, 'negativeLanguagePer100Words').den),
    ],
    [
      'agent sentences',
      String(sum(ibm.scored, 'avgSentenceWords').den),
      String(sum(masked, 'avgSentenceWords').den),
    ],
    ...(
      [
        'clarifyingQuestionRate',
        'avgSentenceWords',
        'negativeLanguagePer100Words',
        'jargonPer100Words',
      ] as const
    ).map((id): [string, string, string] => [
      `\`${id}\` (pooled)`,
      valueText(id, pooled(ibm.scored, id)),
      valueText(id, pooled(masked, id)),
    ]),
  ];
  return [
    '**E1. Links are read as words and sentences.** Most IBM agent turns end with a link (`https://web.archive.org/web/20191213044137/https://support.hp.com/us-en/contact-hp?openCLC=true`). The engine splits sentences at every `.` and `?` inside it and counts every path segment as a word, so a link is several short "sentences", one of which ends in `?` (a "clarifying question"), and its fragments dilute every per-100-words rate.',
    '',
    table(['IBM Twitter', 'as the engine reads it', 'links as one word'], rows),
    '',
    `${questionOnlyByUrl} conversations are credited with a clarifying question only because of a \`?\` inside a link. Phrase and sentence flags that take in part of a link: ${insideUrl.length === 0 ? 'none' : [...byMetric].map(([m, n]) => `\`${m}\` ${n}`).join(', ')}.`,
    '',
    '*Proposed fix (packages/metrics `text.ts`):* before splitting words and sentences and before lexicon matching, replace every `https?://\\S+` and `www.\\S+` by one neutral word (keeping offsets for evidence), so that a link is one word, never ends a sentence and never matches a lexicon. The right-hand column is the engine run on the records with links replaced by the word "link", i.e. what the fix would give.',
    '',
  ].join('\n');
}

function negativeLanguageFinding(data: RealDataRun): string {
  const rows: string[][] = [];
  let total = 0;
  let modals = 0;
  let firstPerson = 0;
  for (const d of data.datasets) {
    for (const f of flags(d.scored, 'negativeLanguagePer100Words')) {
      total += 1;
      if (!isBareModal(f.evidence.text)) continue;
      modals += 1;
      const subject = negationSubject(f.turnText, f.evidence.start, f.evidence.text);
      if (subject === 'first person') firstPerson += 1;
      else
        rows.push([`\`${f.scored.record.id}\``, String(f.evidence.turnIndex), cell(subject), flagQuote(f)]);
    }
  }
  return [
    `**E2. Negative language that is not a refusal.** Of ${total} negative-language matches, ${modals} are a bare "can't", "cannot" or "won't". Only ${firstPerson} of those have the agent or the company ("I", "we") as the one who cannot or will not; the other ${modals - firstPerson} describe the customer's situation ("Sorry to hear that you cannot access…", which is empathy), a product's behaviour ("This process won't delete any saved data", which is reassurance), a third party, or the company named in the third person ("HP cannot guarantee…", a fair flag):`,
    '',
    table(['conversation', 'turn', 'word before', 'quoted text'], rows),
    '',
    '*Proposed fix (packages/metrics, `negativeLanguage` matching):* count the bare modal entries (`can\'t`, `cannot`, `won\'t`) only when their subject is the agent\'s side: the nearest preceding word, skipping adverbs (just, really, still, simply, currently, unfortunately), is I / we / I\'m / we\'re, or the organisation\'s own name (a new per-organisation option). Entries that carry their subject or are the agent\'s own voice ("nothing I can do", "we\'re unable to", "I\'m afraid", "unfortunately") stay as they are. An elliptical reply such as ABCD\'s "I won\'t" (to "Don\'t forget to spay or neuter your pet!") is a friendly promise, not a refusal; no word rule catches that, and it stays a known limit.',
    '',
  ].join('\n');
}

function lexiconContextFindings(data: RealDataRun): string {
  const listed = (metric: MetricId) =>
    data.datasets.flatMap((d) =>
      flags(d.scored, metric).map(
        (f) => `“${flagQuote(f)}” (\`${f.scored.record.id}\` turn ${f.evidence.turnIndex})`,
      ),
    );
  const argument = listed('argumentRate');
  const overpromise = listed('overpromiseRate');
  const jargon = listed('jargonPer100Words');
  return [
    `**E3. Phrases that need their context.** Every argument, overpromise and jargon flag of the three sets was read:`,
    '',
    `- \`argumentRate\` (${argument.length}): ${argument.join('; ') || 'none'} — "You should have" here is possession ("you should have the paid plan"), not blame ("you should have called"). *Proposed fix:* match "you should have" only when followed by a past participle (a word ending in -ed/-en or one of the common irregular participles: done, told, known, read, sent, seen, said, made, paid, bought, gone, called…), as a lexicon entry with a follow-up pattern.`,
    `- \`overpromiseRate\` (${overpromise.length}): ${overpromise.join('; ') || 'none'} — "All promo codes expire after 7 days without fail" states a rule; it promises nothing. *Proposed fix:* absolute-promise phrases that do not carry their own subject ("without fail", "for sure", "100%", "guaranteed") count only in a sentence with a first-person commitment (I / we + will, 'll, promise, guarantee, make sure).`,
    `- \`jargonPer100Words\` (${jargon.length}): ${jargon.join('; ') || 'none'} — The agent explains the term at once ("a chargeback or payment reversal"). *Proposed fix:* a jargon match directly followed by "or" / "(" / "i.e." and its lexicon suggestion or a plain gloss is explained jargon and is not counted (keep it as evidence marked as explained).`,
    '',
  ].join('\n');
}

function unpunctuatedFinding(hv: DatasetRun): string {
  const questions = hv.scored.flatMap((s) =>
    s.record.turns.flatMap((t, i) =>
      t.speaker === 'agent' && isUnpunctuatedQuestion(t.text)
        ? [`\`${s.record.id}\` turn ${i}: "${cell(t.text)}"`]
        : [],
    ),
  );
  const longFlags = flags(hv.scored, 'avgSentenceWords');
  return [
    `**E4. Unpunctuated voice transcripts.** Harper Valley's corrected transcripts have no punctuation at all, so each agent turn is one "sentence" and no sentence ends in \`?\`. \`clarifyingQuestionRate\` is ${hv.scored.map((s) => valueText('clarifyingQuestionRate', value(s, 'clarifyingQuestionRate'))).join(' / ')} for the ${hv.scored.length} calls, although the agents ask ${questions.length} questions, e.g. ${questions.slice(0, 4).join('; ')}. ${longFlags.length} long-sentence flag${longFlags.length === 1 ? '' : 's'} join two sentences (${longFlags.map((f) => `\`${f.scored.record.id}\` turn ${f.evidence.turnIndex}`).join(', ')}; "… to your checking account is there anything else i can help you with").`,
    '',
    '*Proposed fix (packages/metrics):* for a voice turn with no sentence punctuation at all, (a) treat a clause that opens, after fillers (uh, um, so, okay, alright), with a wh-word or an inverted auxiliary (is, are, can, could, would, do, does, did, will, may) followed by a pronoun or noun as a question, and (b) leave it out of `avgSentenceWords` (null rather than one giant sentence) unless the source supplies punctuation. Until then, these two metrics should be read as "no data" for unpunctuated voice sources; ingest could mark such sources with a flag.',
    '',
  ].join('\n');
}

function eventlessFinding(data: RealDataRun): string {
  const rows = data.datasets.map((d) => [
    TITLES[d.key],
    ...(['followUpRate', 'resolutionRate', 'feedbackRequestRate'] as const).map((id) => {
      const s = sum(d.scored, id);
      return s.den === 0 ? NO_DATA : `${valueText(id, s.num / s.den)} (n = ${s.den})`;
    }),
  ]);
  return [
    '**E5. No events is read as "never".** None of the three sources records events (follow-ups, resolutions, survey invitations): the records have no `events` at all. The engine still scores every conversation, so these sets get a follow-up rate and a resolution rate of 0, as if every agent had failed, rather than "no data":',
    '',
    table(['data set', '`followUpRate`', '`resolutionRate`', '`feedbackRequestRate`'], rows),
    '',
    '*Proposed fix (packages/metrics `ownership.ts`, `outcome.ts`):* distinguish "the source reports no events" (`events` absent) from "no event happened" (`events: []`): `followUpRate`, `promiseKeptRate` and `resolutionRate` are null when `events` is absent; `feedbackRequestRate` keeps counting agent phrases but not the missing `survey_sent`. The converters here already leave `events` out rather than writing `[]`.',
    '',
  ].join('\n');
}

function targetFinding(ibm: DatasetRun): string {
  const gaps = ibm.scored.flatMap((s) => s.result.responseGapsMs);
  const dist = distribution(gaps);
  return [
    `**E6. A chat target for social replies.** The IBM threads are Twitter replies, mapped to \`chat\`, whose default target is 60 s. The ${gaps.length} response gaps have a median of ${formatDuration(dist?.median ?? null)} and a p90 of ${formatDuration(dist?.p90 ?? null)}; ${percent(sum(ibm.scored, 'responseWithinTargetRate').num, sum(ibm.scored, 'responseWithinTargetRate').den)} are within target. That is the target's fault, not the agents': social care is asynchronous and is usually held to an hour or so.`,
    '',
    '*Proposed fix:* a `social` channel in the format (target e.g. 1 h) or response targets per queue in `EngineOptions`; until then, an organisation importing social care should set its chat target for that import.',
    '',
  ].join('\n');
}

function sentimentSection(data: RealDataRun): string {
  const { sets, examples } = data.sentiment;
  const agreement = (a: SignAgreement) => `${a.agree} / ${a.n} (${percent(a.agree, a.n)}), ${a.zero} at 0`;
  const reference: Record<string, string> = {
    tweets: '0.872 (paper: 0.881)',
    'Amazon review snippets': '0.590',
  };
  const r = (x: number | null) => (x === null ? NO_DATA : x.toFixed(3));
  const rows = sets.map((s) => [
    s.name,
    String(s.n),
    r(s.engineR),
    `≥ ${s.bar}${s.engineR !== null && s.engineR >= s.bar ? ' (met)' : ' (**not met**)'}`,
    r(s.vaderR),
    reference[s.name] ?? '',
    `${s.sameAsPython.same} / ${s.sameAsPython.n}`,
    agreement(s.engine),
    agreement(s.vader),
  ]);
  const exampleRows = examples.map((e) => [
    cell(e.text),
    e.vader.toFixed(4),
    e.engine.toFixed(4),
    Math.abs(e.engine - e.vader) <= SAME_AS_PYTHON ? 'yes' : '**no**',
  ]);
  const differences = sets.flatMap((s) =>
    s.differences.map((d) => [s.name, cell(d.text), d.vader.toFixed(4), d.engine.toFixed(4)]),
  );
  const worst = sets.flatMap((s) =>
    s.worst
      .slice(0, 3)
      .map((w) => [
        s.name,
        cell(w.text),
        w.human.toFixed(2),
        w.engine.toFixed(3),
        w.vader === null ? '' : w.vader.toFixed(3),
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
    'The 16 examples of the VADER README (VADER value from the Python 3.3.2 code):',
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

function reading(sets: readonly SentimentSetSummary[]): string {
  const r = (x: number | null) => (x === null ? NO_DATA : x.toFixed(3));
  const share = (a: SignAgreement) => percent(a.agree, a.n);
  const lines = sets.map(
    (s) =>
      `on ${s.name} r = ${r(s.engineR)} (bar ${s.bar}) against the Python VADER's ${r(s.vaderR)}, with ${share(s.engine)} of the clearly rated items on the right side (Python VADER ${share(s.vader)})`,
  );
  const text = lines.join('; ');
  return `**Reading.** ${text.charAt(0).toUpperCase()}${text.slice(1)}. What the humans and VADER still disagree on is mostly sarcasm, domain sense and long mixed reviews, which a word list with rules does not read: sentiment figures stay aggregate trends, never a verdict on one conversation.`;
}

type SentimentSetSummary = RealDataRun['sentiment']['sets'][number];

/** Issue 11's bars: the four frequent behaviours by precision and recall, the rarer ones by false flags. */
const FREQUENT = new Set(['negativeLanguage', 'empathy', 'thanks', 'clarifyingQuestion']);
const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.8;
const MAX_FALSE_FLAGS = 2;
const EXCERPT_CHARS = 220;

function ratio(value: number | null): string {
  return value === null ? NO_DATA : value.toFixed(2);
}

export function meetsBar(comparison: BehaviourComparison): boolean {
  const { precision, recall, fp } = comparison.perTurn;
  if (!FREQUENT.has(comparison.behaviour.id)) return fp <= MAX_FALSE_FLAGS;
  return precision !== null && precision >= MIN_PRECISION && recall !== null && recall >= MIN_RECALL;
}

function barText(comparison: BehaviourComparison): string {
  const bar = FREQUENT.has(comparison.behaviour.id)
    ? `P ≥ ${MIN_PRECISION.toFixed(2)}, R ≥ ${MIN_RECALL.toFixed(2)}`
    : `≤ ${MAX_FALSE_FLAGS} false`;
  return `${bar}: ${meetsBar(comparison) ? 'met' : '**not met**'}`;
}

function tallyCells(t: Tally): string[] {
  return [t.labelled, t.predicted, t.tp, t.fp, t.fn].map(String).concat(ratio(t.precision), ratio(t.recall));
}

/** The per-turn table, also printed by `pnpm real-data`. */
export function labelTable(labels: LabelJudgement): string {
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
    labels.behaviours.map((c) => [
      `${c.behaviour.id} (\`${c.behaviour.metric}\`)`,
      c.behaviour.counts,
      String(c.turns),
      ...tallyCells(c.perTurn),
      barText(c),
    ]),
  );
}

function verdictLine(c: BehaviourComparison, v: TurnVerdict, side: 'fp' | 'fn'): string {
  const { label } = v;
  const why =
    side === 'fp'
      ? `engine: ${v.evidence.map((e) => `"${cell(e)}"`).join(', ')}`
      : `label: ${(label.phrases[c.behaviour.id] ?? []).map((p) => `"${cell(p)}"`).join(', ')}`;
  const note = label.note ? ` (label note: ${cell(label.note)})` : '';
  return `- ${label.dataset} \`${label.conversation}\` turn ${label.turn}: "${excerpt(label.text)}" — ${why}${note}`;
}

function excerpt(text: string): string {
  return cell(text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text);
}

/** A conversation the metric value gets wrong: its labelled phrases, or its agent turns when none. */
function conversationLine(c: BehaviourComparison, labels: LabelJudgement, id: string): string {
  const turns = labels.labelled.filter((l) => l.conversation === id);
  const phrases = turns.flatMap((l) => l.phrases[c.behaviour.id] ?? []);
  const shown =
    phrases.length > 0
      ? `label: ${phrases.map((p) => `"${cell(p)}"`).join(', ')}`
      : `agent turns: ${turns.map((l) => `${l.turn}: "${excerpt(l.text)}"`).join('; ')}`;
  return `- ${turns[0]?.dataset ?? ''} \`${id}\`: ${shown}`;
}

function labelSection(labels: LabelJudgement): string {
  const instances = labels.behaviours.filter((c) => c.perInstance !== null);
  const opening = labels.behaviours.filter((c) => 'opening' in c.behaviour && c.behaviour.opening);
  const parts = [
    '## The engine against hand labels',
    '',
    `${labels.turns} agent turns of ${labels.conversations} conversations of the three sets, labelled by hand per behaviour before the engine's output was looked at (\`packages/real-data/src/fixtures/labelled-turns.json\`; rules, sample and counts in \`fixtures/LABELLING.md\`). Every labelled conversation is scored by \`computeConversation\` as converted. A predicted positive for a behaviour in a turn is an evidence item of its metric on that turn of the kind that counts: a flag for negative language, jargon, argument and overpromise; a credit for the others (evidence without \`kind\` is a flag unless it is \`missing\`). ${opening.map((c) => `\`${c.behaviour.metric}\` reads only the agent's first three statements, so ${c.behaviour.id} is compared on those ${c.turns} turns.`).join(' ')}`,
    '',
    '### Per turn',
    '',
    labelTable(labels),
    '',
  ];
  parts.push(
    '### Per conversation (from the metric value: numerator above 0)',
    '',
    table(
      ['behaviour', 'conversations', 'labelled', 'predicted', 'TP', 'FP', 'FN', 'precision', 'recall'],
      labels.behaviours.map((c) => [
        c.behaviour.id,
        String(labels.conversations),
        ...tallyCells(c.perConversation),
      ]),
    ),
    '',
  );
  if (instances.length > 0) {
    parts.push(
      '### Per instance (behaviours labelled as counts; instances paired within each turn)',
      '',
      table(
        ['behaviour', 'labelled', 'predicted', 'TP', 'FP', 'FN', 'precision', 'recall'],
        instances.map((c) => [c.behaviour.id, ...tallyCells(c.perInstance as Tally)]),
      ),
      '',
    );
  }
  parts.push('### False positives and misses, per behaviour', '');
  for (const c of labels.behaviours) {
    parts.push(
      `#### ${c.behaviour.id}: ${c.falsePositives.length} false positive turns, ${c.falseNegatives.length} missed turns`,
      '',
    );
    if (c.falsePositives.length + c.falseNegatives.length === 0) parts.push('None.', '');
    if (c.falsePositives.length > 0) {
      parts.push('False positives:', '', ...c.falsePositives.map((v) => verdictLine(c, v, 'fp')), '');
    }
    if (c.falseNegatives.length > 0) {
      parts.push('Missed:', '', ...c.falseNegatives.map((v) => verdictLine(c, v, 'fn')), '');
    }
    const fp = c.conversationFalsePositives;
    const fn = c.conversationFalseNegatives;
    if (fp.length + fn.length > 0) {
      parts.push(`Per conversation (metric value): ${fp.length} false positive, ${fn.length} missed.`, '');
      if (fp.length > 0) {
        parts.push(
          'False positive conversations:',
          '',
          ...fp.map((id) => conversationLine(c, labels, id)),
          '',
        );
      }
      if (fn.length > 0) {
        parts.push('Missed conversations:', '', ...fn.map((id) => conversationLine(c, labels, id)), '');
      }
    }
  }
  return parts.join('\n');
}

export function renderReport(data: RealDataRun): string {
  return [
    '# Metrics on real data',
    '',
    '<!-- Generated by `pnpm real-data` (packages/real-data/src/main.ts): do not edit by hand; run it again. -->',
    '',
    "Rapport's converters and metric engine run on public customer-service conversations that nobody here wrote (`../shared/datasets/`, each folder with its README): 5 Harper Valley bank calls (voice), 500 IBM Twitter customer-care threads and 3 ABCD chats. Each set is converted to the interaction log format (`packages/real-data/src/`), ingested into a fresh embedded PGlite database, scored per conversation by `@rapport/metrics` and per agent by `agentScorecard`. The point is to see the metrics fail on real text and say why.",
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
