import { type Options, type Stringifier, stringify } from 'csv-stringify';

/** A CSV cell: text, a number written unrounded, or null for "no data" (an empty cell, never 0). */
export type CsvCell = string | number | null;

/**
 * RFC 4180: CRLF between records, fields quoted when they hold a comma, a quote or a line break
 * (csv-stringify quotes CR and LF only when told to). Numbers are written with JavaScript's shortest
 * round-trip form, so a parsed cell equals the scorecard value exactly. UTF-8 without a byte-order mark,
 * so that the header line is exactly the column names.
 */
const CSV_OPTIONS: Options = {
  record_delimiter: 'windows',
  // A `;` is quoted too: a spreadsheet set to read `;` as the separator would split the cell there.
  quoted_match: /[\r\n;]/,
  cast: { number: (value) => String(value) },
};

/** A streaming writer: rows in (arrays of cells), RFC 4180 text out, the header line first. */
export function csvStream(header: readonly string[]): Stringifier {
  return stringify({ ...CSV_OPTIONS, header: true, columns: [...header] });
}

/**
 * Text from the logs (names, ids, queues) reaches spreadsheets: a cell that starts with `=`, `+`, `-`,
 * `@`, a tab, CR or LF, their full-width forms (`＝＋－＠`, which some spreadsheets read as the ASCII ones),
 * or a space before any of these would run as a formula, and so would the part after a `;` where `;`
 * separates cells. Such a cell gets a leading apostrophe (OWASP, CSV injection). Numbers are never
 * touched: a negative sentiment shift stays a number.
 */
export function textCell(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return FORMULA_START.test(value) || FORMULA_AFTER_SEPARATOR.test(value) ? `'${value}` : value;
}

const FORMULA_START = /^[\s=+\-@\uff1d\uff0b\uff0d\uff20]/;
const FORMULA_AFTER_SEPARATOR = /;\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
