import { spreadsheetUnit } from '@rapport/metrics/format';
import { changeText, columnTitle, STATUS_TEXT, trendText } from './overview-format.ts';
import type { OverviewAgent, OverviewColumn, OverviewReview } from './overview-types.ts';

/**
 * The overview as a CSV of what is shown: the rows in their order, the columns chosen, headings with
 * units ("Response time · chat (s)"), durations in seconds and shares in percent as plain numbers, the
 * human reviews, and beside each value its n, target status and, when compared, the change in words.
 */
export function overviewCsv(input: {
  columns: readonly OverviewColumn[];
  agents: readonly OverviewAgent[];
  teamName: (teamId: string | null) => string;
  compare: boolean;
  /** Human-review numbers by agent id; an agent without any has 0 reviews. */
  reviews: Readonly<Record<string, OverviewReview>>;
}): string {
  const header = [
    'Agent',
    'Agent id',
    'Team',
    'Conversations',
    'Needs attention (score)',
    'Coaching opportunities',
    'Top opportunities',
    'Human reviews',
    'Human review score (%)',
    'Human reviews auto-failed',
  ];
  for (const column of input.columns) {
    const title = columnTitle(column);
    header.push(`${title} (${spreadsheetUnit(column.unit).heading})`, `${title} n`, `${title} target status`);
    if (input.compare) header.push(`${title} change from previous period`);
  }
  const rows = input.agents.map((agent) => {
    const row: (string | number | null)[] = [
      agent.agentName ?? agent.agentId,
      agent.agentId,
      input.teamName(agent.teamId),
      agent.conversations,
      Number(agent.attention.toFixed(2)),
      agent.opportunityCount,
      agent.opportunities.map((o) => `${o.label} (${trendText(o.trend)})`).join('; '),
      ...reviewFields(input.reviews[agent.agentId]),
    ];
    for (const column of input.columns) {
      const cell = agent.cells[column.key];
      row.push(
        spreadsheetUnit(column.unit).value(cell?.value ?? null),
        cell?.n ?? 0,
        STATUS_TEXT[cell?.status ?? 'no data'].text,
      );
      if (input.compare) row.push(cell?.change ? changeText(cell.change, column).text : '');
    }
    return row;
  });
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Reviews, mean score in percent (empty without a scored review) and auto-fails. */
function reviewFields(review: OverviewReview | undefined): (number | null)[] {
  if (!review) return [0, null, 0];
  return [review.reviews, spreadsheetUnit('ratio').value(review.meanScore), review.autoFailed];
}

/**
 * One field: numbers as they are, empty for no data; text quoted when it must be, and text a
 * spreadsheet would run as a formula (=, +, -, @ first) led by an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
