import type { DatasetKey } from './analyse.ts';
import type { Figures, Quote } from './figures.ts';
import type { FindingId } from './finding-texts.ts';

/** One finding of the real-data report: its figures and the moments they rest on (findings.ts). */
export type FindingStatus = 'fixed-in-converter' | 'engine' | 'proposed';

/** A moment a finding rests on: a turn of a converted record and the span it points at. */
export type Example = { conversation: string; turn: number; quote: Quote; wordBefore?: string };

export interface Finding {
  id: FindingId;
  title: string;
  /** The set it was found in, or `all` when it was counted over the three. */
  dataset: DatasetKey | 'all';
  status: FindingStatus;
  figures: Figures;
  /** Named lists of the moments behind the figures, as the finding's text lists them. */
  examples: Readonly<Record<string, readonly Example[]>>;
}
