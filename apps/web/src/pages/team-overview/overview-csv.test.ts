import { describe, expect, test } from 'vitest';
import { csvField, overviewCsv } from './overview-csv.ts';
import type { OverviewAgent, OverviewColumn } from './overview-types.ts';

const column = (over: Partial<OverviewColumn>): OverviewColumn => ({
  key: 'csat',
  metricId: 'csat',
  channel: null,
  group: 'outcome',
  label: 'CSAT',
  unit: 'score',
  better: 'higher',
  target: { direction: 'higher', value: 4 },
  targetSource: 'organisation target',
  teamMedian: null,
  teamAgents: 0,
  teamMinConversations: 5,
  ...over,
});

const responseChat = column({
  key: 'responseTimeMs:chat',
  metricId: 'responseTimeMs',
  channel: 'chat',
  group: 'promptness',
  label: 'Response time',
  unit: 'ms',
  better: 'lower',
  target: { direction: 'lower', value: 60_000 },
  targetSource: 'chat response target',
});
const empathy = column({
  key: 'empathyRate',
  metricId: 'empathyRate',
  label: 'Shows empathy',
  unit: 'ratio',
  group: 'tone',
});

const agent: OverviewAgent = {
  agentId: 'a-1',
  agentName: 'Priya Nair',
  teamId: 'billing',
  conversations: 12,
  attention: 3.137,
  opportunityCount: 2,
  opportunities: [
    {
      metricId: 'empathyRate',
      channel: null,
      label: 'Shows empathy',
      unit: 'ratio',
      value: 0.25,
      teamMedian: 0.6,
      severity: 1.2,
      score: 1.8,
      trend: 'worsening',
    },
    {
      metricId: 'responseTimeMs',
      channel: 'email',
      label: 'Response time · email',
      unit: 'ms',
      value: 21_600_000,
      teamMedian: 10_800_000,
      severity: 1.1,
      score: 1.1,
      trend: 'steady',
    },
  ],
  cells: {
    'responseTimeMs:chat': {
      value: 105_000,
      n: 4,
      weekly: [],
      status: 'misses',
      change: { before: 95_000, after: 105_000, difference: 10_000, z: 2.1, verdict: 'up' },
    },
    empathyRate: {
      value: 0.25,
      n: 12,
      weekly: [],
      status: 'misses',
      change: { before: 0.3, after: 0.25, difference: -0.05, z: -0.4, verdict: 'within noise' },
    },
  },
};

describe('overviewCsv', () => {
  test('headings with units, values in seconds and percent, n, status and change in words', () => {
    const csv = overviewCsv({
      columns: [responseChat, empathy],
      agents: [agent],
      teamName: (id) => (id === 'billing' ? 'Billing' : 'no team'),
      compare: true,
      reviews: { 'a-1': { reviews: 3, meanScore: 0.8417, meanCriticalScore: 1, autoFailed: 1 } },
    });
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      [
        'Agent,Agent id,Team,Conversations,Needs attention (score),Coaching opportunities,Top opportunities',
        'Human reviews,Human review score (%),Human reviews auto-failed',
        'Response time · chat (s),Response time · chat n,Response time · chat target status',
        'Response time · chat change from previous period',
        'Shows empathy (%),Shows empathy n,Shows empathy target status,Shows empathy change from previous period',
      ].join(','),
    );
    // 105,000 ms is 105 s; 0.25 is 25 %; 10 s slower outside the noise is worse; −5 points is noise;
    // a mean review score of 0.8417 is 84.2 %.
    expect(row).toBe(
      [
        'Priya Nair,a-1,Billing,12,3.14,2,Shows empathy (↓ worsening); Response time · email (→ steady)',
        '3,84.2,1',
        '105,4,misses target,"▲ +10.0 s, worse"',
        '25,12,misses target,"≈ −5 pts, within noise"',
      ].join(','),
    );
  });

  test('an agent without reviews has 0 of them and an empty score, never 0 %', () => {
    const csv = overviewCsv({
      columns: [],
      agents: [agent],
      teamName: () => 'Billing',
      compare: false,
      reviews: {},
    });
    expect(csv.trimEnd().split('\r\n')[1]).toBe(
      'Priya Nair,a-1,Billing,12,3.14,2,Shows empathy (↓ worsening); Response time · email (→ steady),0,,0',
    );
  });

  test.each([
    [null, ''],
    [-1.5, '-1.5'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-2 pts', "'-2 pts"],
    ['Lee, Sam', '"Lee, Sam"'],
  ])('field %j is written %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
