/**
 * A table as shown on a page, as CSV a spreadsheet opens (the "download what is shown" of the search
 * and overview tables): the same rules as the API's exports (apps/api/src/exports/csv.ts) — RFC 4180
 * with CRLF, quoted where a cell holds a comma, quote, `;` or line break, numbers written as they are,
 * an empty cell for no data — and text that would run as a formula gets a leading apostrophe (OWASP,
 * CSV injection: transcripts and names come from outside).
 */
export type TableCell = string | number | null;

const FORMULA_START = /^[\s=+\-@\uff1d\uff0b\uff0d\uff20]/;
const FORMULA_AFTER_SEPARATOR = /;\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
const NEEDS_QUOTES = /[",;\r\n]/;

export function tableCsv(header: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(cell: TableCell): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const safe = FORMULA_START.test(cell) || FORMULA_AFTER_SEPARATOR.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
