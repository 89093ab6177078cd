import { describe, expect, test } from 'vitest';
import { type Finding, findings, meetsBar } from './findings.ts';
import { linkReply, smallRun } from './fixtures/small-run.ts';

/** Figures of the hand-built run (`fixtures/small-run.ts`), each worked out by hand from METRICS.md. */

const found = findings(smallRun);

function finding(id: Finding['id']): Finding {
  const f = found.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
}

describe('per data set', () => {
  test('conversion counts: converter rejections apart from ingest rejections', () => {
    const ibm = found.datasets[1];
    // 3 items: 1 the converter refused, 1 the database refused, 1 stored with its 4 turns.
    expect(ibm?.conversion).toEqual({
      items: 3,
      rejectedByConverter: 1,
      rejectedAtIngest: 1,
      stored: 1,
      scored: 1,
      turns: 4,
      agents: 1,
      days: { from: '2020-01-01', to: '2020-01-01' },
    });
    expect(found.datasets[2]?.syntheticClock).toEqual({
      start: '2021-01-01T09:00:00.000Z',
      turnStepSeconds: 10,
    });
    expect(found.datasets[0]?.syntheticClock).toBeNull();
  });

  test('distributions: one value per conversation; null metrics listed apart', () => {
    const hv = found.datasets[0];
    expect(hv?.distributions.find((d) => d.metric === 'talkRatio')).toEqual({
      metric: 'talkRatio',
      n: 1,
      min: 0.4,
      median: 0.4,
      p90: 0.4,
      max: 0.4,
      syntheticTime: false,
    });
    // Gaps 4000 − 3000 and 9000 − 8000 ms.
    expect(hv?.distributions.find((d) => d.metric === 'responseTimeMs')?.median).toBe(1000);
    expect(hv?.alwaysNull).toContain('csat');
    expect(hv?.distributions.map((d) => d.metric)).not.toContain('conversationsPerDay');
    const abcd = found.datasets[2];
    expect(abcd?.distributions.find((d) => d.metric === 'responseTimeMs')?.syntheticTime).toBe(true);
    expect(abcd?.distributions.find((d) => d.metric === 'thankRate')?.syntheticTime).toBe(false);
  });

  test('scorecards: most conversations first, ties by agent id', () => {
    const cards = found.datasets[1]?.scorecards;
    expect(cards?.agents).toBe(3);
    expect(cards?.shown.map((c) => c.agentId)).toEqual(['c', 'a', 'b']);
    expect(Object.keys(cards?.shown[0]?.values ?? {})).toEqual(cards?.columns);
  });

  test('flagged examples: per metric, with the count and the flagged span', () => {
    const negative = found.datasets[1]?.flagged.find((f) => f.metric === 'negativeLanguagePer100Words');
    expect(negative?.flags).toBe(1);
    expect(negative?.examples).toEqual([
      {
        conversation: 'ibm-1',
        turn: 1,
        quote: { text: linkReply, start: 2, end: 7 },
        suggestion: 'What I can do is…',
      },
    ]);
  });
});

describe('findings (figures worked by hand)', () => {
  test('Harper Valley noise segments: the interruption and talk ratio they would cause', () => {
    const f = finding('harper-valley-noise-segments');
    expect(f.status).toBe('fixed-in-converter');
    expect(f.dataset).toBe('harperValley');
    expect(f.title).toBe('Harper Valley `[noise]` segments as speech');
    expect(f.figures).toEqual({
      nonSpeechSegments: 1,
      segments: 5,
      interruptionsWithNoise: 1,
      callsWithNoiseInterruptions: 1,
      talkRatio: 0.4,
      talkRatioWithNoise: 3000 / 9000,
      interruptions: 0,
      calls: 1,
    });
    expect(f.examples.noiseInterruptions?.map((e) => [e.conversation, e.turn])).toEqual([['hv-1', 2]]);
  });

  test('Harper Valley channel clocks and personas', () => {
    const clocks = finding('harper-valley-channel-clocks');
    expect(clocks.figures).toEqual({ interruptions: 1 });
    expect(clocks.examples.clockInterruptions?.map((e) => [e.turn, e.quote.text])).toEqual([
      [3, 'okay it is done thank you'],
    ]);
    // Sam is never named by the agent: 0, not null (the name is known).
    expect(finding('harper-valley-personas').figures).toEqual({
      agents: 1,
      calls: 1,
      personalization: [{ conversation: 'hv-1', value: 0 }],
    });
  });

  test('IBM prefixes, entities; ABCD system turns', () => {
    expect(finding('ibm-reply-prefixes').figures).toEqual({
      replyPrefixes: 2,
      personalizationWithHandles: null,
      conversations: 0,
    });
    expect(finding('ibm-html-entities').figures).toEqual({
      entities: [
        { entity: '&gt;', count: 1 },
        { entity: '&amp;', count: 3 },
      ],
    });
    expect(finding('abcd-actions').figures).toEqual({ systemTurns: 1, conversations: 1 });
  });

  test('links as words: the engine already reads a link as one word', () => {
    // "I can't see your account." 5 words; "Please reset the BIOS settings: <link>" 6; "Happy to help." 3.
    const f = finding('links-as-words');
    expect(f.figures).toMatchObject({
      agentWords: 14,
      agentWordsLinksAsOneWord: 14,
      agentSentences: 3,
      agentSentencesLinksAsOneWord: 3,
      avgSentenceWords: 14 / 3,
      avgSentenceWordsLinksAsOneWord: 14 / 3,
      questionsOnlyFromLinks: 0,
      flagsInsideLinks: 0,
      flagsInsideLinksByMetric: [],
    });
  });

  test('negative language: a bare modal with the agent as its subject', () => {
    const f = finding('negative-language-not-refusal');
    expect(f.dataset).toBe('all');
    expect(f.figures).toEqual({ matches: 1, bareModals: 1, firstPerson: 1, otherSubjects: 0 });
    expect(f.examples.notFirstPerson).toEqual([]);
  });

  test('phrases in context: the jargon flag, quoted', () => {
    const f = finding('phrases-need-context');
    expect(f.figures).toEqual({ argumentFlags: 0, overpromiseFlags: 0, jargonFlags: 1 });
    const start = linkReply.indexOf('BIOS');
    expect(f.examples.jargon).toEqual([
      { conversation: 'ibm-1', turn: 1, quote: { text: linkReply, start, end: start + 4 } },
    ]);
  });

  test('unpunctuated voice: the question the engine still finds by its words', () => {
    const f = finding('unpunctuated-voice');
    // No "?" in the call: "which card would you like…" opens with a question word ("would you").
    expect(f.figures).toEqual({
      clarifyingQuestionRates: [{ conversation: 'hv-1', value: 1 }],
      calls: 1,
      questionsAsked: 1,
      longSentenceFlags: 0,
    });
    expect(f.examples.questions?.map((e) => e.turn)).toEqual([1]);
  });

  test('no events: follow-up and resolution have no base; feedback requests count every conversation', () => {
    expect(finding('no-events-read-as-never').figures).toEqual({
      eventRates: [
        {
          dataset: 'harperValley',
          followUpRate: { value: null, n: 0 },
          resolutionRate: { value: null, n: 0 },
          feedbackRequestRate: { value: 0, n: 1 },
        },
        {
          dataset: 'ibmTwitter',
          followUpRate: { value: null, n: 0 },
          resolutionRate: { value: null, n: 0 },
          feedbackRequestRate: { value: 0, n: 1 },
        },
        {
          dataset: 'abcd',
          followUpRate: { value: null, n: 0 },
          resolutionRate: { value: null, n: 0 },
          feedbackRequestRate: { value: 0, n: 1 },
        },
      ],
    });
  });

  test('a chat target for social replies: gaps of 30 s and 300 s', () => {
    // Median of two gaps is their mean; nearest-rank p90 of two is the larger; 1 of 2 within 60 s.
    expect(finding('chat-target-for-social').figures).toEqual({
      responseGaps: 2,
      medianGapMs: 165_000,
      p90GapMs: 300_000,
      withinTarget: 0.5,
    });
  });

  test('the storage proposal counts every refused IBM thread', () => {
    const f = finding('long-conversation-storage');
    expect(f.status).toBe('proposed');
    expect(f.figures).toEqual({ rejected: 2 });
  });

  test('in the report order: converters, engine, proposed', () => {
    expect(found.findings.map((f) => f.status)).toEqual([
      ...Array(7).fill('fixed-in-converter'),
      ...Array(6).fill('engine'),
      'proposed',
    ]);
  });
});

describe('sentiment and label bars', () => {
  test('a bar met at its value, shares of the clearly rated items, three worst', () => {
    const [set] = found.sentiment.sets;
    expect(set?.barMet).toBe(true);
    expect(set?.engine.share).toBe(0.75);
    expect(set?.vader.share).toBeNull();
    expect(set?.worst.map((w) => w.id)).toEqual(['1', '2', '3']);
    // Within Python's rounding (±0.00005) or not.
    expect(found.sentiment.examples.map((e) => e.same)).toEqual([true, false]);
  });

  test.each([
    [{ precision: 0.9, recall: 0.8, fp: 5 }, true],
    [{ precision: 0.89, recall: 1, fp: 0 }, false],
    [{ precision: null, recall: null, fp: 0 }, false],
  ])('precision and recall bar: %o met %s', (tally, met) => {
    const perTurn = { labelled: 0, predicted: 0, tp: 0, fn: 0, ...tally };
    expect(meetsBar({ perTurn }, { kind: 'precision-recall', precision: 0.9, recall: 0.8 })).toBe(met);
  });

  test.each([
    [2, true],
    [3, false],
  ])('false-flags bar: %i false flags met %s', (fp, met) => {
    const perTurn = { labelled: 0, predicted: fp, tp: 0, fn: 0, fp, precision: 0, recall: null };
    expect(meetsBar({ perTurn }, { kind: 'false-flags', max: 2 })).toBe(met);
  });
});
