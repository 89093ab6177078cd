import { CsvError, type Parser, parse } from 'csv-parse';
import type { z } from 'zod';
import type { ParsedItem } from './jsonl.ts';
import { ConversationSchema } from './record.ts';
import { strictText, type TextInput, toReadable, UnreadableTextError } from './text-lines.ts';

/**
 * A CSV of turns (docs/formats.md): a header, then one row a turn. The conversation-level columns
 * repeat on every row of a conversation and its rows are contiguous, so one conversation is held in
 * memory at a time, never the file.
 */
export const CSV_COLUMNS = [
  'conversation_id',
  'channel',
  'started_at',
  'ended_at',
  'agent_id',
  'agent_name',
  'agent_team',
  'customer_id',
  'customer_name',
  'queue',
  'speaker',
  'text',
  'start_ms',
  'end_ms',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const CSV_REQUIRED_COLUMNS: readonly CsvColumn[] = [
  'conversation_id',
  'channel',
  'started_at',
  'ended_at',
  'agent_id',
  'speaker',
  'text',
  'start_ms',
];

const CONVERSATION_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.slice(0, 10);

/** Guards memory against a file whose conversation_id never changes (an empty or constant column). */
export const MAX_ROWS_PER_CONVERSATION = 20_000;
/** A row longer than this is almost always a quote that was never closed. */
const MAX_ROW_CHARS = 1_000_000;
const MAX_PROBLEMS_SHOWN = 3;

/** Where the record's fields come from, to name the CSV column in an error. */
const COLUMN_OF_FIELD: Record<string, CsvColumn> = {
  id: 'conversation_id',
  channel: 'channel',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  'agent.id': 'agent_id',
  'agent.name': 'agent_name',
  'agent.team': 'agent_team',
  'customer.id': 'customer_id',
  'customer.name': 'customer_name',
  queue: 'queue',
  speaker: 'speaker',
  text: 'text',
  startMs: 'start_ms',
  endMs: 'end_ms',
};

type Cells = Partial<Record<CsvColumn, string>>;
type CsvRow = { line: number; fields: string[] };
type Row = { line: number; cells: Cells; problem?: string };
type Problem = { line: number; column?: CsvColumn; message: string };
type Group = {
  id: string;
  firstLine: number;
  lastLine: number;
  rows: Row[];
  dropped: number;
  reappears: boolean;
};

export async function* parseTurnsCsv(input: TextInput): AsyncGenerator<ParsedItem> {
  let header: CsvColumn[] | undefined;
  let group: Group | undefined;
  const finishedIds = new Set<string>();
  for await (const csvRow of readCsvRows(input)) {
    if ('syntaxError' in csvRow) {
      if (group) {
        yield reject(group, [
          {
            line: csvRow.line,
            message: 'the file stops being readable here, so this conversation may be incomplete',
          },
        ]);
      }
      yield { line: csvRow.line, error: csvRow.syntaxError };
      return;
    }
    if (header === undefined) {
      const read = readHeader(csvRow);
      if ('error' in read) {
        yield read;
        return;
      }
      header = read.columns;
      continue;
    }
    const row = toRow(header, csvRow);
    const id = row.cells.conversation_id ?? '';
    if (group && group.id !== id) {
      yield finish(group);
      finishedIds.add(group.id);
      group = undefined;
    }
    if (!group) {
      group = {
        id,
        firstLine: row.line,
        lastLine: row.line,
        rows: [],
        dropped: 0,
        reappears: finishedIds.has(id),
      };
    }
    group.lastLine = row.line;
    if (group.rows.length < MAX_ROWS_PER_CONVERSATION) group.rows.push(row);
    else group.dropped += 1;
  }
  if (group) yield finish(group);
}

function readHeader(row: CsvRow): { columns: CsvColumn[] } | { line: number; error: string } {
  const names = row.fields.map((field) => field.trim().toLowerCase());
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = names.filter((name) => !known.has(name));
  const duplicated = names.filter((name, index) => names.indexOf(name) !== index);
  const missing = CSV_REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  const complaints = [
    unknown.length ? `unknown column(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')}` : '',
    duplicated.length ? `repeated column(s) ${duplicated.join(', ')}` : '',
    missing.length ? `missing required column(s) ${missing.join(', ')}` : '',
  ].filter(Boolean);
  if (complaints.length === 0) return { columns: names as CsvColumn[] };
  return {
    line: row.line,
    error:
      `the first row must be the header: ${complaints.join('; ')}. ` +
      `The columns are ${CSV_COLUMNS.join(', ')} (required: ${CSV_REQUIRED_COLUMNS.join(', ')}); nothing was read`,
  };
}

function toRow(header: CsvColumn[], { line, fields }: CsvRow): Row {
  const cells: Cells = {};
  header.forEach((column, index) => {
    const field = fields[index];
    if (field !== undefined) cells[column] = column === 'text' ? field : field.trim();
  });
  if (fields.length === header.length) return { line, cells };
  return {
    line,
    cells,
    problem: `expected ${header.length} fields as in the header, found ${fields.length} (a comma in an unquoted text?)`,
  };
}

function finish(group: Group): ParsedItem {
  if (group.reappears) {
    return reject(group, [
      {
        line: group.firstLine,
        column: 'conversation_id',
        message:
          'this conversation appears again after rows of other conversations; the rows of one conversation must be contiguous',
      },
    ]);
  }
  if (group.dropped > 0) {
    return reject(group, [
      {
        line: group.firstLine,
        column: 'conversation_id',
        message: `more than ${MAX_ROWS_PER_CONVERSATION} rows share this conversation_id; is the column filled in on every row?`,
      },
    ]);
  }
  const problems = [...rowProblems(group), ...disagreements(group)];
  const turns = group.rows.map((row) => ({
    speaker: lowerCase(optional(row.cells.speaker)),
    text: row.cells.text,
    startMs: milliseconds(row, 'start_ms', problems),
    endMs: milliseconds(row, 'end_ms', problems) ?? null,
  }));
  if (problems.length) return reject(group, problems);

  const first = group.rows[0]?.cells ?? {};
  const customer = compact({ id: optional(first.customer_id), name: optional(first.customer_name) });
  const candidate = compact({
    id: first.conversation_id,
    channel: lowerCase(optional(first.channel)),
    startedAt: optional(first.started_at),
    endedAt: optional(first.ended_at),
    agent: compact({
      id: first.agent_id,
      name: optional(first.agent_name),
      team: optional(first.agent_team),
    }),
    customer: Object.keys(customer).length ? customer : undefined,
    queue: optional(first.queue),
    turns,
  });
  const result = ConversationSchema.safeParse(candidate);
  if (result.success) return { line: group.firstLine, record: result.data };
  return reject(
    group,
    result.error.issues.map((issue) => issueProblem(group, issue)),
  );
}

function rowProblems(group: Group): Problem[] {
  return group.rows.flatMap((row) => (row.problem ? [{ line: row.line, message: row.problem }] : []));
}

function disagreements(group: Group): Problem[] {
  const [first, ...rest] = group.rows;
  if (!first) return [];
  const problems: Problem[] = [];
  for (const column of CONVERSATION_COLUMNS) {
    const expected = first.cells[column] ?? '';
    const differing = rest.find((row) => (row.cells[column] ?? '') !== expected);
    if (differing) {
      problems.push({
        line: differing.line,
        column,
        message: `${found(differing.cells[column])} differs from ${found(expected)} on line ${first.line}; every row of a conversation must repeat the same ${column}`,
      });
    }
  }
  return problems;
}

function milliseconds(row: Row, column: 'start_ms' | 'end_ms', problems: Problem[]): number | undefined {
  const cell = row.cells[column] ?? '';
  if (cell === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  problems.push({
    line: row.line,
    column,
    message: `expected whole milliseconds such as 2600 (found ${found(cell)})`,
  });
  return undefined;
}

function issueProblem(group: Group, issue: z.core.$ZodIssue): Problem {
  const [head, index, field] = issue.path;
  const onTurn = head === 'turns' && typeof index === 'number';
  const row = (onTurn ? group.rows[index] : undefined) ?? group.rows[0];
  const key = onTurn ? String(field ?? '') : issue.path.map(String).join('.');
  const column = COLUMN_OF_FIELD[key];
  const line = row?.line ?? group.firstLine;
  if (!column) return { line, message: `${key || '(conversation)'}: ${issue.message}` };
  return { line, column, message: `${issue.message} (found ${found(row?.cells[column])})` };
}

function reject(group: Group, problems: Problem[]): ParsedItem {
  const ordered = [...problems].sort((a, b) => a.line - b.line);
  const shown = ordered.slice(0, MAX_PROBLEMS_SHOWN).map(describeProblem);
  const more = ordered.length - shown.length;
  const lines =
    group.firstLine === group.lastLine
      ? `line ${group.firstLine}`
      : `lines ${group.firstLine}-${group.lastLine}`;
  return {
    line: ordered[0]?.line ?? group.firstLine,
    error: `conversation ${JSON.stringify(group.id)} (${lines}) rejected: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
  };
}

function describeProblem({ line, column, message }: Problem): string {
  return column ? `line ${line}, column ${column}: ${message}` : `line ${line}: ${message}`;
}

function found(cell: string | undefined): string {
  return cell === undefined || cell === '' ? 'an empty cell' : (JSON.stringify(cell.slice(0, 60)) ?? '');
}

function optional(cell: string | undefined): string | undefined {
  return cell === undefined || cell === '' ? undefined : cell;
}

/** Leaves out empty optional cells instead of keeping them as `undefined` fields. */
function compact<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function lowerCase(cell: string | undefined): string | undefined {
  return cell?.toLowerCase();
}

/**
 * The rows of the file with the line each starts on. csv-parse's own line count goes wrong on CRLF
 * inside quoted text, so lines are counted here from each row's raw text (blank lines skipped
 * before a row are part of it). Rows are taken in
 * `on_record` and handed out after each chunk: the parser's readable side would drop rows already
 * parsed when a later syntax error destroys it.
 */
async function* readCsvRows(
  input: TextInput,
): AsyncGenerator<CsvRow | { line: number; syntaxError: string }> {
  const ready: CsvRow[] = [];
  let linesBefore = 0;
  let emptyLinesBefore = 0;
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: MAX_ROW_CHARS,
    on_record: (withRaw, context) => {
      const { record, raw } = withRaw as unknown as { record: string[]; raw: string };
      const skippedBlankLines = /^[\r\n]*/.exec(raw)?.[0] ?? '';
      ready.push({ line: linesBefore + countLines(skippedBlankLines) + 1, fields: record });
      linesBefore += countLines(raw);
      emptyLinesBefore = context.empty_lines;
      return null;
    },
  });
  parser.on('error', () => {
    // Reported through the write and end callbacks below.
  });
  try {
    for await (const chunk of strictText(toReadable(input))) {
      await write(parser, chunk);
      yield* ready.splice(0);
    }
    await end(parser);
    yield* ready.splice(0);
  } catch (error) {
    if (error instanceof UnreadableTextError) {
      yield* ready.splice(0);
      yield { line: error.line, syntaxError: error.message };
      return;
    }
    if (!isCsvError(error)) throw error;
    yield* ready.splice(0);
    const line = linesBefore + (Number(error.empty_lines) - emptyLinesBefore) + 1;
    yield { line, syntaxError: describeCsvError(error, line) };
  }
}

function isCsvError(error: unknown): error is CsvError {
  return (
    error instanceof CsvError ||
    (error instanceof Error && String((error as CsvError).code).startsWith('CSV_'))
  );
}

/** Line breaks in a row's raw text; csv-parse leaves out the last character of a CRLF there. */
function countLines(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function describeCsvError(error: CsvError, line: number): string {
  const rest = `nothing from line ${line} on was read`;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `the row starting on line ${line} opens a quoted field that is never closed (a missing closing "?); ${rest}`;
    case 'CSV_MAX_RECORD_SIZE':
      return `the row starting on line ${line} is longer than ${MAX_ROW_CHARS} characters (a missing closing "?); ${rest}`;
    default:
      return `the row starting on line ${line} is not valid CSV (${error.message}); ${rest}`;
  }
}

function write(parser: Parser, chunk: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function end(parser: Parser): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.once('error', reject);
    parser.end(() => resolve());
  });
}
