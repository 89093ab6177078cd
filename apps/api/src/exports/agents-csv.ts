import {
  type DayRange,
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
 * units, durations in seconds, shares in percent, and each metric's n and team median beside it — and
 * `raw` for scripts: one column per metric id, values in the catalog's units.
 */
export type CsvLayout = 'people' | 'raw';

export interface AgentPeriod {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  totals: PeriodTotals;
  /** The agent's team median of every metric over the period, over the scorecard's peer set. */
  teamMedians: Record<MetricId, PeerMedian>;
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
    return [`${m.label} (${unit})`, `${m.label}: n`, `${m.label}: team median (${unit})`];
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
      return [
        people.value(values[m.id]),
        sampleSize(m.id, agent.totals),
        people.value(agent.teamMedians[m.id].median),
      ];
    }),
  ];
}
