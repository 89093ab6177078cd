import {
  CHANNELS,
  type Channel,
  type DayRange,
  isTimeMetric,
  METRIC_IDS,
  METRICS,
  type MetricId,
  type PeerMedian,
  type PeriodTotals,
  periodValues,
  sampleSize,
  spreadsheetUnit,
} from '@rapport/metrics';
import { type CsvCell, textCell } from './csv.ts';

/**
 * The agents CSV in two layouts (DESIGN.md, `export`): for people by default — readable headings with
 * units, durations in seconds, shares in percent, and each metric's n and team median beside it, a
 * duration once per channel — and `raw` for scripts: one column per metric id, values in the catalog's
 * units.
 */
export type CsvLayout = 'people' | 'raw';

export interface AgentPeriod {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  totals: PeriodTotals;
  /** The agent's team median of every metric over the period, over the scorecard's peer set. */
  teamMedians: Record<MetricId, PeerMedian>;
  /** The same on each channel apart, for the time metrics (no conversations there: empty totals). */
  byChannel: Record<Channel, { totals: PeriodTotals; teamMedians: Record<MetricId, PeerMedian> }>;
}

const RAW_HEADER: readonly string[] = [
  'agentId',
  'agentName',
  'team',
  'from',
  'to',
  'conversations',
  ...METRIC_IDS,
];

const PEOPLE_HEADER: readonly string[] = [
  'Agent ID',
  'Agent',
  'Team',
  'From',
  'To',
  'Conversations',
  ...METRICS.flatMap((m) => {
    const unit = spreadsheetUnit(m.unit).heading;
    // A mean of voice seconds and email hours describes neither: a duration gets its columns per channel.
    const names = isTimeMetric(m.id) ? CHANNELS.map((c) => `${m.label}, ${c}`) : [m.label];
    return names.flatMap((name) => [`${name} (${unit})`, `${name}: n`, `${name}: team median (${unit})`]);
  }),
];

export function agentCsvHeader(layout: CsvLayout): readonly string[] {
  return layout === 'raw' ? RAW_HEADER : PEOPLE_HEADER;
}

/** One agent's row: the values come from periodValues over the rollup totals, exactly as the scorecard's. */
export function agentCsvRecord(agent: AgentPeriod, range: DayRange, layout: CsvLayout): CsvCell[] {
  const values = periodValues(agent.totals);
  const who: CsvCell[] = [
    textCell(agent.agentId),
    textCell(agent.agentName),
    textCell(agent.teamId),
    range.from,
    range.to,
    agent.totals.conversations,
  ];
  if (layout === 'raw') return [...who, ...METRIC_IDS.map((id) => values[id])];
  return [
    ...who,
    ...METRICS.flatMap((m) => {
      const people = spreadsheetUnit(m.unit);
      const readings = isTimeMetric(m.id)
        ? CHANNELS.map((c) => ({ ...agent.byChannel[c], values: periodValues(agent.byChannel[c].totals) }))
        : [{ totals: agent.totals, teamMedians: agent.teamMedians, values }];
      return readings.flatMap((r) => [
        people.value(r.values[m.id]),
        sampleSize(m.id, r.totals),
        people.value(r.teamMedians[m.id].median),
      ]);
    }),
  ];
}
