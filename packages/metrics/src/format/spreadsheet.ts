import type { MetricUnit } from '../catalog.ts';

/**
 * A metric in a spreadsheet for people (DESIGN.md's CSV "for people"): the unit goes in the column's
 * heading, the cell stays a plain number so that it sorts and sums — durations in seconds, shares in
 * percent, everything else in its own unit — rounded to what a reader can tell apart.
 */
export interface SpreadsheetUnit {
  /** What the heading says after the label: "First response (s)". */
  heading: string;
  /** The catalog value in the heading's unit; null stays an empty cell, never 0. */
  value: (catalogValue: number | null) => number | null;
}

const round = (digits: number) => (value: number | null) =>
  value === null ? null : Number(value.toFixed(digits));

const SPREADSHEET_UNITS: Readonly<Record<MetricUnit, SpreadsheetUnit>> = {
  ms: { heading: 's', value: (v) => round(2)(v === null ? null : v / 1_000) },
  ratio: { heading: '%', value: (v) => round(1)(v === null ? null : v * 100) },
  'per conversation': { heading: 'per conversation', value: round(2) },
  'per 100 words': { heading: 'per 100 words', value: round(2) },
  words: { heading: 'words', value: round(1) },
  score: { heading: 'score', value: round(2) },
  'per day': { heading: 'per day', value: round(1) },
};

export function spreadsheetUnit(unit: MetricUnit): SpreadsheetUnit {
  return SPREADSHEET_UNITS[unit];
}
