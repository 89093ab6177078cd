import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { METRIC_IDS, METRICS, type MetricId } from '../catalog.ts';
import {
  type AgentCoachingValues,
  assessMetric,
  type CoachingSample,
  findOpportunities,
  MIN_CONVERSATIONS,
} from './opportunities.ts';
import { coachingDirection, resolveCoachingConfig } from './targets.ts';

const COACHED = METRIC_IDS.filter((id) => coachingDirection(id) !== null);
const ORDER = new Map<MetricId, number>(METRICS.map((m, i) => [m.id, i]));

const value = fc.double({ min: -5, max: 5, noNaN: true });
const sample: fc.Arbitrary<CoachingSample> = fc.record({
  value: fc.option(value, { nil: null, freq: 8 }),
  n: fc.integer({ min: 0, max: 30 }),
});
/** An agent's values: every metric present or absent, thin and null samples included. */
const agentValues: fc.Arbitrary<AgentCoachingValues> = fc.dictionary(
  fc.constantFrom(...METRIC_IDS),
  sample,
) as fc.Arbitrary<AgentCoachingValues>;
const peers = fc.array(agentValues, { maxLength: 8 });

describe('findOpportunities properties', () => {
  test('no opportunity rests on fewer than 5 conversations, and none is a context metric', () => {
    fc.assert(
      fc.property(agentValues, peers, (agent, team) => {
        for (const o of findOpportunities({ agent, peers: team })) {
          expect(o.n).toBeGreaterThanOrEqual(MIN_CONVERSATIONS);
          expect(agent[o.metricId]?.n).toBeGreaterThanOrEqual(MIN_CONVERSATIONS);
          expect(coachingDirection(o.metricId)).not.toBeNull();
          expect(o.worseThanTeam || o.missesTarget).toBe(true);
        }
      }),
    );
  });

  test('opportunities are sorted by score, descending, ties in catalog order', () => {
    fc.assert(
      fc.property(agentValues, peers, (agent, team) => {
        const found = findOpportunities({ agent, peers: team });
        for (let i = 1; i < found.length; i++) {
          const [before, after] = [found[i - 1], found[i]];
          if (!before || !after) continue;
          expect(before.score).toBeGreaterThanOrEqual(after.score);
          if (before.score === after.score) {
            expect(ORDER.get(before.metricId)).toBeLessThan(ORDER.get(after.metricId) ?? -1);
          }
        }
      }),
    );
  });

  test('a better value never has a higher severity, nor becomes an opportunity when the worse one is not', () => {
    const config = resolveCoachingConfig();
    fc.assert(
      fc.property(
        fc.constantFrom(...COACHED),
        value,
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.integer({ min: MIN_CONVERSATIONS, max: 30 }),
        peers,
        (id, worse, improvement, n, team) => {
          const better = coachingDirection(id) === 'higher' ? worse + improvement : worse - improvement;
          const atWorse = assessMetric(id, { [id]: { value: worse, n } }, team, config);
          const atBetter = assessMetric(id, { [id]: { value: better, n } }, team, config);
          expect(atWorse).not.toBeNull();
          expect(atBetter).not.toBeNull();
          if (!atWorse || !atBetter) return;
          expect(atBetter.severity).toBeLessThanOrEqual(atWorse.severity);
          const flagged = (a: typeof atWorse) => a.worseThanTeam || a.missesTarget;
          if (flagged(atBetter)) expect(flagged(atWorse)).toBe(true);
        },
      ),
    );
  });
});
