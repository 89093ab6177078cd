import { type DayRange, METRIC_IDS, type PeriodTotals, periodValues } from '@rapport/metrics';
import { type CsvCell, textCell } from './csv.ts';

/** The agent export's columns: who, which period, how many conversations, then every METRICS.md id in order. */
export const AGENT_CSV_HEADER: readonly string[] = [
  'agentId',
  'agentName',
  'team',
  'from',
  'to',
  'conversations',
  ...METRIC_IDS,
];

export interface AgentPeriod {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  totals: PeriodTotals;
}

/** One agent's row: the values come from periodValues over the rollup totals, exactly as the scorecard's. */
export function agentCsvRecord(agent: AgentPeriod, range: DayRange): CsvCell[] {
  const values = periodValues(agent.totals);
  return [
    textCell(agent.agentId),
    textCell(agent.agentName),
    textCell(agent.teamId),
    range.from,
    range.to,
    agent.totals.conversations,
    ...METRIC_IDS.map((id) => values[id]),
  ];
}
