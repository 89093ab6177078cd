import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './database.ts';
import { copyText } from './pglite-copy.ts';

/**
 * Bulk writes with PostgreSQL's `COPY … FROM STDIN`, the fastest way into a table, on both databases.
 *
 * Kysely has no COPY, so a copy travels through it as an ordinary statement — `COPY t (cols) FROM
 * STDIN` with the rows' COPY text as its one parameter — inside whatever transaction the caller holds.
 * Each driver's connection below recognises that form and streams the text instead of binding it:
 * pg through pg-copy-streams on the same client, PGlite as a blob read from `/dev/blob`
 * (pglite-copy.ts, apart so that the embedded database's thread loads neither pg nor Kysely).
 */

export type CopyValue = string | number | boolean | null | undefined | readonly number[];

/** Writes `rows` (values in `columns` order) into `table` in one COPY, in the caller's transaction. */
export async function copyRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  // Plain strings: the metric fact columns are named at run time (metric-columns.ts).
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  await copyRowText(db, table, columns, rowText(rows));
}

/**
 * Rows in COPY's text format. Built apart from the COPY itself, so that a caller can build a batch's
 * text before its transaction starts and the database is not kept waiting inside it.
 */
export function rowText(rows: Iterable<readonly CopyValue[]>): string {
  let text = '';
  for (const row of rows) text += `${row.map(copyField).join('\t')}\n`;
  return text;
}

/** Writes rows already in COPY's text format (`rowText`) into `table` in one COPY. */
export async function copyRowText<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  columns: readonly string[],
  text: string,
): Promise<void> {
  if (text === '') return;
  const target = sql`${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})`.compile(db);
  await db.executeQuery(CompiledQuery.raw(`COPY ${target.sql} FROM STDIN`, [text]));
}

/** One value in COPY's text format: `\N` for null; backslash, tab and line breaks escaped. */
function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  // A numeric array's literal, e.g. {1200,3400}: numbers need no quoting inside it.
  return `{${value.map(String).join(',')}}`;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : text;
}

/** A pg client that runs `copyRows`'s statements as a streamed COPY; everything else as pg does. */
export class CopyingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this forwards them all.
  override query(...args: any[]): any {
    const text = copyText(args[0], args[1]);
    if (text === null) return (super.query as (...a: unknown[]) => unknown)(...args);
    return this.copyIn(args[0] as string, text);
  }

  private async copyIn(statement: string, text: string): Promise<pg.QueryResult> {
    const stream = copyFrom(statement);
    await pipeline(Readable.from([text]), super.query(stream));
    return { command: 'COPY', rowCount: stream.rowCount, rows: [], oid: 0, fields: [] };
  }
}
