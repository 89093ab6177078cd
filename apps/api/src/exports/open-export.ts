import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { agentCsvHeader, agentCsvRecord, type CsvLayout } from './agents-csv.ts';
import { CONVERSATION_CSV_HEADER, conversationCsvRecord } from './conversations-csv.ts';
import { type CsvCell, csvStream } from './csv.ts';
import type { ExportScope } from './export-request.ts';
import { agentPeriods, conversationFacts, reviewPacket } from './exports.repository.ts';
import { renderReviewPacket } from './review-pdf.ts';

/**
 * The file of an authorised export as a byte stream, for the HTTP download and the CLI alike. The
 * agents CSV is for people unless `layout` is 'raw' (the CLI's `--raw`, for scripts).
 * Call it only with a scope from authorizeExport, after auditExport.
 */
export async function openExport(
  db: Kysely<Database>,
  scope: ExportScope,
  options: { now?: Date; layout?: CsvLayout } = {},
): Promise<Readable> {
  const layout = options.layout ?? 'people';
  switch (scope.kind) {
    case 'agents.csv': {
      const agents = await agentPeriods(db, scope);
      return toCsv(
        agentCsvHeader(layout),
        agents.map((agent) => agentCsvRecord(agent, scope, layout)),
      );
    }
    case 'conversations.csv':
      return toCsv(CONVERSATION_CSV_HEADER, mapRecords(conversationFacts(db, scope), conversationCsvRecord));
    case 'review.pdf':
      return renderReviewPacket(await reviewPacket(db, scope, options.now ?? new Date()));
  }
}

async function* mapRecords<T>(rows: AsyncIterable<T>, toRecord: (row: T) => CsvCell[]) {
  for await (const row of rows) yield toRecord(row);
}

/** Records are pulled only as fast as the reader takes the text (pipe's back-pressure). */
function toCsv(header: readonly string[], records: Iterable<CsvCell[]> | AsyncIterable<CsvCell[]>): Readable {
  const source = Readable.from(records);
  const csv = csvStream(header);
  source.on('error', (error) => csv.destroy(error));
  csv.on('close', () => source.destroy());
  return source.pipe(csv);
}
