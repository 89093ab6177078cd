import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { CsvLayout } from './agents-csv.ts';
import { auditExport, authorizeExport, type ExportActor } from './export-access.ts';
import { type ExportRequest, exportFileName } from './export-request.ts';
import { openExport } from './open-export.ts';

/**
 * An export written to a file (or to standard output for `-`), for the CLI: checked and audited like a
 * download. The file appears only when complete, so a failed export never leaves half a packet behind.
 */
export async function exportToFile(
  db: Kysely<Database>,
  actor: ExportActor,
  request: ExportRequest,
  out: string,
  layout: CsvLayout = 'people',
): Promise<{ file: string; kind: string; name: string; bytes: number | null }> {
  const scope = await authorizeExport(db, actor, request);
  await auditExport(db, actor, scope, 'cli');
  const stream = await openExport(db, scope, { layout });
  const result = { file: out, kind: scope.kind, name: exportFileName(scope) };
  if (out === '-') {
    await pipeline(stream, process.stdout, { end: false });
    return { ...result, bytes: null };
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(stream, fs.createWriteStream(partial));
    fs.renameSync(partial, out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { ...result, bytes: fs.statSync(out).size };
}
