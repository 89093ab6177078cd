import { describe, expect, test } from 'vitest';
import type { MetricId } from '../catalog.ts';
import type { CoachingEvidence } from './evidence.ts';
import { type AgentCoachingValues, type CoachingInput, findOpportunities } from './opportunities.ts';
import type { CoachingConfig } from './targets.ts';
import type { CoachingWeek } from './trend.ts';

/** Peers of one metric, 20 conversations each. */
const peersOf = (id: MetricId, values: number[]): AgentCoachingValues[] =>
  values.map((value) => ({ [id]: { value, n: 20 } }));

/**
 * empathyRate (higher is better, target ≥ 0.6, weight 1.5) against peers 0.70 … 0.90:
 * median 0.80, deviations [0.1, 0.05, 0, 0.05, 0.1] → MAD 0.05, σ = 1.4826 × 0.05 = 0.07413.
 */
const SPREAD_PEERS = peersOf('empathyRate', [0.7, 0.75, 0.8, 0.85, 0.9]);
/** Peers as low as 0.40 … 0.60: median 0.50, σ 0.07413 again. */
const LOW_PEERS = peersOf('empathyRate', [0.4, 0.45, 0.5, 0.55, 0.6]);

const empathy = (value: number, n = 20): AgentCoachingValues => ({ empathyRate: { value, n } });

describe('findOpportunities: when a metric is flagged', () => {
  test.each<[string, CoachingInput, { z: number | null; severity: number; score: number } | null]>([
    // z = (0.70 − 0.80) / 0.07413 = −1.34898; target met; severity 1.34898, score × 1.5 = 2.02347.
    [
      'worse than the team by 1.35 robust units',
      { agent: empathy(0.7), peers: SPREAD_PEERS },
      {
        z: -1.34898,
        severity: 1.34898,
        score: 2.02347,
      },
    ],
    // z = −0.04 / 0.07413 = −0.53959 and 0.76 ≥ 0.6: not an opportunity.
    ['slightly worse than the team', { agent: empathy(0.76), peers: SPREAD_PEERS }, null],
    // z = 0 but 0.50 < 0.60: gap 0.1 / 0.6 = 0.16667, score 0.25.
    [
      'on the team median, and the team misses the target too',
      { agent: empathy(0.5), peers: LOW_PEERS },
      {
        z: 0,
        severity: 0.16667,
        score: 0.25,
      },
    ],
    // z = −0.3 / 0.07413 = −4.04694 and gap 0.16667: severity 4.21361, score 6.32042.
    [
      'worse than both',
      { agent: empathy(0.5), peers: SPREAD_PEERS },
      {
        z: -4.04694,
        severity: 4.21361,
        score: 6.32042,
      },
    ],
    ['far worse, but 4 conversations', { agent: empathy(0.1, 4), peers: SPREAD_PEERS }, null],
    // Exactly 5 conversations is enough: gap 0.5 / 0.6 = 0.83333; z = −0.7 / 0.07413 = −9.44287.
    [
      'far worse with 5 conversations',
      { agent: empathy(0.1, 5), peers: SPREAD_PEERS },
      {
        z: -9.44287,
        severity: 10.2762,
        score: 15.41431,
      },
    ],
    ['no value', { agent: { empathyRate: { value: null, n: 20 } }, peers: SPREAD_PEERS }, null],
    // Two peers are no distribution: no z, the target alone decides (0.7 ≥ 0.6).
    ['two peers only', { agent: empathy(0.7), peers: peersOf('empathyRate', [0.95, 0.99]) }, null],
    // Peers with fewer than 5 conversations are left out of the distribution.
    [
      'peers with thin samples do not count',
      { agent: empathy(0.7), peers: [0.95, 0.97, 0.99].map((value) => ({ empathyRate: { value, n: 4 } })) },
      null,
    ],
    // Every peer at 0.9: no spread, so no z; 0.7 meets the target.
    [
      'a unanimous team gives no z',
      { agent: empathy(0.7), peers: peersOf('empathyRate', [0.9, 0.9, 0.9]) },
      null,
    ],
  ])('%s', (_, input, expected) => {
    const [found, ...rest] = findOpportunities(input);
    expect(rest).toEqual([]);
    if (expected === null) {
      expect(found).toBeUndefined();
      return;
    }
    expect(found?.metricId).toBe('empathyRate');
    if (expected.z === null) expect(found?.z).toBeNull();
    else expect(found?.z).toBeCloseTo(expected.z, 5);
    expect(found?.severity).toBeCloseTo(expected.severity, 5);
    expect(found?.score).toBeCloseTo(expected.score, 5);
  });

  test('an opportunity carries what the supervisor needs', () => {
    const [found] = findOpportunities({ agent: empathy(0.7), peers: SPREAD_PEERS });
    expect(found).toMatchObject({
      metricId: 'empathyRate',
      label: 'Shows empathy',
      rule: {
        name: 'Show empathy',
        seed: '000_ea97883a5136d518.txt',
        quote:
          'Expressing empathy and maintaining patience can ease tension and make the customer feel valued.',
      },
      value: 0.7,
      n: 20,
      teamMedian: 0.8,
      peerCount: 5,
      target: { direction: 'higher', value: 0.6 },
      worseThanTeam: true,
      missesTarget: false,
      weight: 1.5,
      trend: 'not enough data',
      evidence: [],
    });
  });

  test.each<[string, AgentCoachingValues]>([
    ['handle time', { handleTimeMs: { value: 3_600_000, n: 50 } }],
    ['script reliance', { scriptReliance: { value: 1, n: 50 } }],
    ['conversations per day', { conversationsPerDay: { value: 200, n: 50 } }],
  ])('a context metric is never flagged: %s', (_, agent) => {
    const peers = [1, 2, 3, 4].map(() => ({
      handleTimeMs: { value: 300_000, n: 50 },
      scriptReliance: { value: 0.1, n: 50 },
      conversationsPerDay: { value: 20, n: 50 },
    }));
    expect(findOpportunities({ agent, peers })).toEqual([]);
  });

  test('talkRatio is coached as lower-is-better against ≤ 0.5', () => {
    const [found] = findOpportunities({ agent: { talkRatio: { value: 0.7, n: 10 } }, peers: [] });
    // Gap (0.7 − 0.5) / 0.5 = 0.4; weight 1.
    expect(found?.metricId).toBe('talkRatio');
    expect(found?.severity).toBeCloseTo(0.4, 12);
    expect(findOpportunities({ agent: { talkRatio: { value: 0.3, n: 10 } }, peers: [] })).toEqual([]);
  });

  test('weight 0 and a removed target switch a metric off', () => {
    const agent = { argumentRate: { value: 0.5, n: 10 }, csat: { value: 2, n: 10 } };
    const config: CoachingConfig = { weights: { argumentRate: 0 }, targets: { csat: null } };
    expect(findOpportunities({ agent, peers: [] }).map((o) => o.metricId)).toEqual(['argumentRate', 'csat']);
    expect(findOpportunities({ agent, peers: [], config })).toEqual([]);
  });
});

describe('findOpportunities: ranking', () => {
  const sample = (value: number) => ({ value, n: 10 });
  test.each<[string, AgentCoachingValues, CoachingConfig, MetricId[], number[]]>([
    // promiseKeptRate: gap 0.45 / 0.9 = 0.5 × 2 = 1.0; empathyRate: 0.36 / 0.6 = 0.6 × 1.5 = 0.9;
    // jargonPer100Words: 0.25 / 0.5 = 0.5 × 1 = 0.5. The highest severity (empathy) is not first.
    [
      'severity × weight, not severity alone',
      { jargonPer100Words: sample(0.75), empathyRate: sample(0.24), promiseKeptRate: sample(0.45) },
      { weights: { promiseKeptRate: 2, empathyRate: 1.5, jargonPer100Words: 1 } },
      ['promiseKeptRate', 'empathyRate', 'jargonPer100Words'],
      [1, 0.9, 0.5],
    ],
    // Both 0.3 against ≥ 0.6 with weight 1: 0.5 each, catalog order breaks the tie.
    [
      'ties in catalog order',
      { thankRate: sample(0.3), empathyRate: sample(0.3) },
      {
        weights: { thankRate: 1, empathyRate: 1 },
        targets: { thankRate: { direction: 'higher', value: 0.6 } },
      },
      ['empathyRate', 'thankRate'],
      [0.5, 0.5],
    ],
  ])('%s', (_, agent, config, expectedIds, expectedScores) => {
    const found = findOpportunities({ agent, peers: [], config });
    expect(found.map((o) => o.metricId)).toEqual(expectedIds);
    found.forEach((o, i) => {
      expect(o.score).toBeCloseTo(expectedScores[i] ?? Number.NaN, 12);
    });
  });
});

describe('findOpportunities: trend and evidence', () => {
  /** ISO weeks 2026-W01 … W08, 10 conversations a week with data. */
  const eightWeeks = (values: (number | null)[]): CoachingWeek[] =>
    values.map((value, i) => ({ week: `2026-W0${i + 1}`, value, n: value === null ? 0 : 10 }));

  // With the team (σ 0.07413): band 0.0074 a week. Without it, the target (0.6): band 0.06 a week.
  test.each<[string, AgentCoachingValues[], (number | null)[], string]>([
    [
      '0.01 a week against the team σ',
      SPREAD_PEERS,
      [0.63, 0.64, 0.65, 0.66, 0.67, 0.68, 0.69, 0.7],
      'improving',
    ],
    ['0.01 a week against the target', [], [0.43, 0.44, 0.45, 0.46, 0.47, 0.48, 0.49, 0.5], 'steady'],
    ['falling 0.1 a week', [], [1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5], 'worsening'],
    ['rising 0.1 a week', [], [-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5], 'improving'],
    ['three weeks of data', [], [null, null, 0.4, null, 0.45, null, null, 0.5], 'not enough data'],
  ])('%s → %s', (_, peers, values, expected) => {
    const agentValue = values.at(-1) ?? 0.5;
    const [found] = findOpportunities({
      agent: empathy(agentValue),
      peers,
      weekly: { empathyRate: eightWeeks(values) },
    });
    expect(found?.trend).toBe(expected);
  });

  test('evidence: at most three, from distinct conversations, most recent first', () => {
    const candidates: CoachingEvidence[] = ['c1', 'c2', 'c2', 'c3', 'c4'].map((conversationId, i) => ({
      conversationId,
      turnIndex: i,
      text: 'Send me the invoice.',
      start: 0,
      end: 20,
      at: `2026-03-0${i + 1}T09:00:00Z`,
    }));
    const [found] = findOpportunities({
      agent: empathy(0.3),
      peers: [],
      evidence: { empathyRate: candidates },
    });
    expect(found?.evidence.map((e) => [e.conversationId, e.turnIndex])).toEqual([
      ['c4', 4],
      ['c3', 3],
      ['c2', 2],
    ]);
  });
});
