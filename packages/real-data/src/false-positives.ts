import type { MetricId } from '@rapport/metrics';
import type { DatasetKey, DatasetRun, RealDataRun, Scored } from './analyse.ts';
import type { Figures } from './figures.ts';
import type { Example, Finding, FindingStatus } from './finding.ts';
import { FINDING_TEXTS, type FindingId } from './finding-texts.ts';
import { type Flag, flags, pooled, sum, value } from './flags.ts';
import { isBareModal, isUnpunctuatedQuestion, negationSubject, urlSpans } from './probes.ts';
import { distribution } from './stats.ts';

/**
 * The false positives the report found on the real data, each measured: what a trap costs when the
 * converter does not avoid it (fixed in the converters), what the engine gets wrong and what its
 * proposed fix would change (engine), and what lies outside this package (proposed). Figures only;
 * their words are `FINDING_TEXTS`.
 */

/** Evidence that spans a whole turn (a late response), not a phrase in it. */
const WHOLE_TURN_EVIDENCE = new Set<MetricId>(['responseWithinTargetRate', 'interruptionsPerConversation']);

interface Measured {
  figures: Figures;
  examples?: Record<string, readonly Example[]>;
}

function finding(
  id: FindingId,
  dataset: DatasetKey | 'all',
  status: FindingStatus,
  { figures, examples = {} }: Measured,
): Finding {
  return { id, title: FINDING_TEXTS[id].title, dataset, status, figures, examples };
}

function example(flag: Flag): Example {
  return {
    conversation: flag.scored.record.id,
    turn: flag.evidence.turnIndex,
    quote: { text: flag.turnText, start: flag.evidence.start, end: flag.evidence.end },
  };
}

function datasetRun(run: RealDataRun, key: DatasetKey): DatasetRun {
  const found = run.datasets.find((d) => d.key === key);
  if (!found) throw new Error(`no run for ${key}`);
  return found;
}

export function falsePositiveFindings(run: RealDataRun): Finding[] {
  const hv = datasetRun(run, 'harperValley');
  const ibm = datasetRun(run, 'ibmTwitter');
  const abcd = datasetRun(run, 'abcd');
  const { harperValley: hvProbe, ibmTwitter: ibmProbe } = run.probes;
  return [
    finding('harper-valley-noise-segments', 'harperValley', 'fixed-in-converter', noiseSegments(run, hv)),
    finding('harper-valley-channel-clocks', 'harperValley', 'fixed-in-converter', {
      figures: {
        interruptions: flags(hvProbe.withChannelStartMs, 'interruptionsPerConversation').length,
      },
      examples: {
        clockInterruptions: flags(hvProbe.withChannelStartMs, 'interruptionsPerConversation').map(example),
      },
    }),
    finding('harper-valley-personas', 'harperValley', 'fixed-in-converter', {
      figures: {
        agents: new Set(hv.scored.map((s) => s.record.agent.id)).size,
        calls: hv.scored.length,
        personalization: perConversation(hv.scored, 'personalizationRate'),
      },
    }),
    finding('ibm-reply-prefixes', 'ibmTwitter', 'fixed-in-converter', {
      figures: {
        replyPrefixes: ibmProbe.replyPrefixes,
        personalizationWithHandles: pooled(ibmProbe.withHandleAsName, 'personalizationRate'),
        conversations: sum(ibmProbe.withHandleAsName, 'personalizationRate').den,
      },
    }),
    finding('ibm-html-entities', 'ibmTwitter', 'fixed-in-converter', {
      figures: {
        entities: Object.entries(ibmProbe.entities).map(([entity, count]) => ({ entity, count })),
      },
    }),
    finding('ibm-last-turn-time', 'ibmTwitter', 'fixed-in-converter', { figures: {} }),
    finding('abcd-actions', 'abcd', 'fixed-in-converter', {
      figures: {
        systemTurns: abcd.scored.reduce(
          (n, s) => n + s.record.turns.filter((t) => t.speaker === 'system').length,
          0,
        ),
        conversations: abcd.scored.length,
      },
    }),
    finding('links-as-words', 'ibmTwitter', 'engine', linksAsWords(ibm, ibmProbe.withUrlsAsOneWord)),
    finding('negative-language-not-refusal', 'all', 'engine', negativeLanguage(run)),
    finding('phrases-need-context', 'all', 'engine', phrasesInContext(run)),
    finding('unpunctuated-voice', 'harperValley', 'engine', unpunctuated(hv)),
    finding('no-events-read-as-never', 'all', 'engine', {
      figures: {
        eventRates: run.datasets.map((d) => ({
          dataset: d.key,
          followUpRate: pooledWithBase(d.scored, 'followUpRate'),
          resolutionRate: pooledWithBase(d.scored, 'resolutionRate'),
          feedbackRequestRate: pooledWithBase(d.scored, 'feedbackRequestRate'),
        })),
      },
    }),
    finding('chat-target-for-social', 'ibmTwitter', 'engine', socialTarget(ibm)),
    finding('long-conversation-storage', 'ibmTwitter', 'proposed', {
      figures: { rejected: ibm.rejected.length },
    }),
  ];
}

function perConversation(scored: readonly Scored[], id: MetricId) {
  return scored.map((s) => ({ conversation: s.record.id, value: value(s, id) }));
}

function pooledWithBase(scored: readonly Scored[], id: MetricId) {
  const { num, den } = sum(scored, id);
  return { value: den > 0 ? num / den : null, n: den };
}

function noiseSegments(run: RealDataRun, hv: DatasetRun): Measured {
  const probe = run.probes.harperValley;
  const withNoise = flags(probe.withNoise, 'interruptionsPerConversation');
  return {
    figures: {
      nonSpeechSegments: probe.nonSpeechSegments,
      segments: probe.segments,
      interruptionsWithNoise: withNoise.length,
      callsWithNoiseInterruptions: new Set(withNoise.map((f) => f.scored.record.id)).size,
      talkRatio: pooled(hv.scored, 'talkRatio'),
      talkRatioWithNoise: pooled(probe.withNoise, 'talkRatio'),
      interruptions: flags(hv.scored, 'interruptionsPerConversation').length,
      calls: hv.scored.length,
    },
    examples: { noiseInterruptions: withNoise.map(example) },
  };
}

/** The IBM set as the engine reads it beside the same records with every link one word. */
function linksAsWords(ibm: DatasetRun, masked: readonly Scored[]): Measured {
  const insideLinks = flags(ibm.scored).filter(
    (f) =>
      !WHOLE_TURN_EVIDENCE.has(f.evidence.metric) &&
      urlSpans(f.turnText).some((u) => f.evidence.start < u.end && f.evidence.end > u.start),
  );
  const byMetric = new Map<string, number>();
  for (const f of insideLinks) byMetric.set(f.evidence.metric, (byMetric.get(f.evidence.metric) ?? 0) + 1);
  const questionsOnlyFromLinks = ibm.scored.filter((s, i) => {
    const m = masked[i];
    return value(s, 'clarifyingQuestionRate') === 1 && m && value(m, 'clarifyingQuestionRate') === 0;
  }).length;
  const both = (id: MetricId) => ({
    [id]: pooled(ibm.scored, id),
    [`${id}LinksAsOneWord`]: pooled(masked, id),
  });
  return {
    figures: {
      agentWords: sum(ibm.scored, 'negativeLanguagePer100Words').den,
      agentWordsLinksAsOneWord: sum(masked, 'negativeLanguagePer100Words').den,
      agentSentences: sum(ibm.scored, 'avgSentenceWords').den,
      agentSentencesLinksAsOneWord: sum(masked, 'avgSentenceWords').den,
      ...both('clarifyingQuestionRate'),
      ...both('avgSentenceWords'),
      ...both('negativeLanguagePer100Words'),
      ...both('jargonPer100Words'),
      questionsOnlyFromLinks,
      flagsInsideLinks: insideLinks.length,
      flagsInsideLinksByMetric: [...byMetric].map(([metric, count]) => ({ metric, count })),
    },
  };
}

/** The bare "can't" / "cannot" / "won't" matches, and whose inability they describe. */
function negativeLanguage(run: RealDataRun): Measured {
  let matches = 0;
  let bareModals = 0;
  let firstPerson = 0;
  const notFirstPerson: Example[] = [];
  for (const d of run.datasets) {
    for (const f of flags(d.scored, 'negativeLanguagePer100Words')) {
      matches += 1;
      if (!isBareModal(f.evidence.text)) continue;
      bareModals += 1;
      const subject = negationSubject(f.turnText, f.evidence.start, f.evidence.text);
      if (subject === 'first person') firstPerson += 1;
      else notFirstPerson.push({ ...example(f), wordBefore: subject });
    }
  }
  return {
    figures: { matches, bareModals, firstPerson, otherSubjects: bareModals - firstPerson },
    examples: { notFirstPerson },
  };
}

function phrasesInContext(run: RealDataRun): Measured {
  const listed = (metric: MetricId) => run.datasets.flatMap((d) => flags(d.scored, metric).map(example));
  const argument = listed('argumentRate');
  const overpromise = listed('overpromiseRate');
  const jargon = listed('jargonPer100Words');
  return {
    figures: {
      argumentFlags: argument.length,
      overpromiseFlags: overpromise.length,
      jargonFlags: jargon.length,
    },
    examples: { argument, overpromise, jargon },
  };
}

function unpunctuated(hv: DatasetRun): Measured {
  const questions: Example[] = hv.scored.flatMap((s) =>
    s.record.turns.flatMap((t, turn) =>
      t.speaker === 'agent' && isUnpunctuatedQuestion(t.text)
        ? [{ conversation: s.record.id, turn, quote: { text: t.text, start: 0, end: t.text.length } }]
        : [],
    ),
  );
  const longSentences = flags(hv.scored, 'avgSentenceWords').map(example);
  return {
    figures: {
      clarifyingQuestionRates: perConversation(hv.scored, 'clarifyingQuestionRate'),
      calls: hv.scored.length,
      questionsAsked: questions.length,
      longSentenceFlags: longSentences.length,
    },
    examples: { questions, longSentences },
  };
}

function socialTarget(ibm: DatasetRun): Measured {
  const gaps = ibm.scored.flatMap((s) => s.result.responseGapsMs);
  const dist = distribution(gaps);
  return {
    figures: {
      responseGaps: gaps.length,
      medianGapMs: dist?.median ?? null,
      p90GapMs: dist?.p90 ?? null,
      withinTarget: pooled(ibm.scored, 'responseWithinTargetRate'),
    },
  };
}
