import { describe, expect, test } from 'vitest';
import type { CoachingEvidence } from './evidence.ts';
import { type AgentCoachingValues, type CoachingInput, findOpportunities } from './opportunities.ts';
import type { CoachingWeek } from './trend.ts';

const HOUR = 3_600_000;
const rt = (value: number, n: number): AgentCoachingValues => ({ responseTimeMs: { value, n } });

/**
 * Voice peers' response times 1.0 … 3.0 s: median 2,000 ms, deviations [1000, 500, 0, 500, 1000] →
 * MAD 500, σ = 1.4826 × 500 = 741.3 ms. The agent's 2,000 ms is on the median (z 0) and meets the
 * voice target of 3 s: no opportunity.
 */
const VOICE_PEERS = [1_000, 1_500, 2_000, 2_500, 3_000].map((ms) => rt(ms, 20));

/**
 * Email peers' response times 2 … 4 h: median 3 h = 10,800,000 ms, deviations [1, 0.5, 0, 0.5, 1] h →
 * MAD 0.5 h = 1,800,000 ms, σ = 1.4826 × 1,800,000 = 2,668,680 ms.
 */
const EMAIL_PEERS = [2, 2.5, 3, 3.5, 4].map((hours) => rt(hours * HOUR, 12));

/** The agent's email weeks, ISO weeks 1 … 8: 4.25 h … 6 h, 0.25 h (900,000 ms) slower each week. */
const EMAIL_WEEKS: CoachingWeek[] = [4.25, 4.5, 4.75, 5, 5.25, 5.5, 5.75, 6].map((hours, i) => ({
  week: `2026-W0${i + 1}`,
  value: hours * HOUR,
  n: 1,
}));

const evidence = (conversationId: string): CoachingEvidence => ({
  conversationId,
  turnIndex: 1,
  text: 'Thanks for waiting.',
  start: 0,
  end: 19,
  at: '2026-04-20T09:00:00Z',
});

/**
 * One agent, voice fine and email slow (6 h = 21,600,000 ms over 8 emails). Pooled over both channels
 * the agent's mean would be some hours and the peers' a mix of seconds and hours: the pooled values
 * given here would flag the agent (z = (11 − 6) h / (1.4826 × 0.5 h) = 6.7) and must not be read.
 */
const SLOW_EMAIL: CoachingInput = {
  agent: { ...rt(11 * HOUR, 18), empathyRate: { value: 0.8, n: 18 } },
  peers: [5, 5.5, 6, 6.5, 7].map((hours) => ({
    ...rt(hours * HOUR, 30),
    empathyRate: { value: 0.8, n: 30 },
  })),
  channels: [
    {
      channel: 'email',
      agent: rt(6 * HOUR, 8),
      peers: EMAIL_PEERS,
      weekly: { responseTimeMs: EMAIL_WEEKS },
      evidence: { responseTimeMs: [evidence('email-1')] },
    },
    {
      channel: 'voice',
      agent: rt(2_000, 10),
      peers: VOICE_PEERS,
      evidence: { responseTimeMs: [evidence('voice-1')] },
    },
  ],
};

describe('findOpportunities: time metrics per channel', () => {
  test('voice fine and email slow: exactly one opportunity, on email, with email values only', () => {
    const found = findOpportunities(SLOW_EMAIL);
    expect(found).toHaveLength(1);
    const [email] = found;
    // z = (21,600,000 − 10,800,000) / 2,668,680 = 4.04694; the email target is 4 h (14,400,000 ms):
    // gap (21.6M − 14.4M) / 14.4M = 0.5. Severity 4.54694, weight 1: score 4.54694.
    expect(email).toMatchObject({
      metricId: 'responseTimeMs',
      channel: 'email',
      label: 'Response time · email',
      value: 6 * HOUR,
      n: 8,
      teamMedian: 3 * HOUR,
      peerCount: 5,
      target: { direction: 'lower', value: 4 * HOUR },
      worseThanTeam: true,
      missesTarget: true,
      weight: 1,
    });
    expect(email?.teamScale).toBeCloseTo(2_668_680, 6);
    expect(email?.z).toBeCloseTo(4.04694, 5);
    expect(email?.severity).toBeCloseTo(4.54694, 5);
    expect(email?.score).toBeCloseTo(4.54694, 5);
    // Slope +900,000 ms a week (equal weights); band 0.1 × 2,668,680 = 266,868: worsening.
    expect(email?.trend).toBe('worsening');
    expect(email?.trendSlopePerWeek).toBeCloseTo(900_000, 6);
    expect(email?.evidence.map((e) => e.conversationId)).toEqual(['email-1']);
  });

  test("the channel's own response target: with email at 8 h the team alone flags it", () => {
    const [email] = findOpportunities({
      ...SLOW_EMAIL,
      responseTargetsMs: { voice: 3_000, chat: 60_000, email: 8 * HOUR },
    });
    expect(email?.target).toEqual({ direction: 'lower', value: 8 * HOUR });
    expect(email?.missesTarget).toBe(false);
    expect(email?.severity).toBeCloseTo(4.04694, 5);
  });

  test('voice alone (the period read for voice): no opportunity', () => {
    const voice = SLOW_EMAIL.channels?.filter((c) => c.channel === 'voice');
    expect(findOpportunities({ ...SLOW_EMAIL, channels: voice })).toEqual([]);
  });

  test('a voice mean over the 3 s target is an opportunity of its own, ranked by score', () => {
    // Voice 4,000 ms: z = 2,000 / 741.3 = 2.69796, gap (4,000 − 3,000) / 3,000 = 0.33333: 3.03130.
    const channels = SLOW_EMAIL.channels?.map((c) =>
      c.channel === 'voice' ? { ...c, agent: rt(4_000, 10) } : c,
    );
    const found = findOpportunities({ ...SLOW_EMAIL, channels });
    expect(found.map((o) => o.label)).toEqual(['Response time · email', 'Response time · voice']);
    expect(found[1]?.score).toBeCloseTo(3.0313, 5);
    expect(found[1]?.evidence.map((e) => e.conversationId)).toEqual(['voice-1']);
  });

  test('non-time metrics stay pooled: no channel, the catalog label', () => {
    // Peers all at 0.8 give no spread; 0.3 misses ≥ 0.6 by 0.5 of it, × 1.5: 0.75, after email's 4.54694.
    const found = findOpportunities({ ...SLOW_EMAIL, agent: { empathyRate: { value: 0.3, n: 18 } } });
    expect(found.map((o) => [o.label, o.channel])).toEqual([
      ['Response time · email', 'email'],
      ['Shows empathy', null],
    ]);
    expect(found[1]?.score).toBeCloseTo(0.75, 12);
  });

  test('without channels no time metric is coached, whatever the pooled values say', () => {
    expect(findOpportunities({ ...SLOW_EMAIL, channels: [] })).toEqual([]);
  });
});
