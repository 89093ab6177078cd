/** The figures a finding's text is filled from, and the shape of its text templates (template.ts). */

/** A turn's text and the span a finding points at, quoted in bold inside its turn. */
export interface Quote {
  text: string;
  start: number;
  end: number;
}

/** A metric pooled over a set (Σ num / Σ den) and its base: no base reads "no data". */
export interface Pooled {
  value: number | null;
  n: number;
}

export type Scalar = number | string | null;
export type FigureItem = { [field: string]: Scalar | Quote | Pooled | undefined };
export type FigureValue = Scalar | Quote | Pooled | readonly FigureItem[];
export type Figures = { readonly [name: string]: FigureValue };

export interface ListTemplate {
  /** One item's text; its placeholders name the item's fields. */
  each: string;
  join: string;
  /** The text of an empty list; without it an empty list reads as nothing (and a line of only it goes). */
  empty?: string;
  /** Items written at most (the figure keeps them all). */
  limit?: number;
}

export interface TextTemplate {
  text: string;
  lists?: Readonly<Record<string, ListTemplate>>;
}
