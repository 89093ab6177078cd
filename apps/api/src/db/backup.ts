import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { writeDump } from './dump-file.ts';

/**
 * Backups of the embedded database: PGlite's own dump of its data directory, a gzip-compressed tar
 * taken by the database itself after a checkpoint, so it is consistent. PGlite's folder is open in one
 * process at a time, so the server must be stopped while the CLI takes or restores one. (PostgreSQL
 * has pg_dump and pg_restore for this: docs/operations.md.)
 */
export async function backupEmbedded(
  dataDir: string,
  file: string,
): Promise<{ file: string; bytes: number }> {
  if (!hasDatabase(dataDir)) throw new Error(`No embedded database in ${dataDir} to back up.`);
  const pglite = await PGlite.create(dataDir);
  let dump: Blob;
  try {
    dump = await pglite.dumpDataDir('gzip');
  } finally {
    await pglite.close();
  }
  await writeDump(file, dump);
  return { file, bytes: fs.statSync(file).size };
}

/**
 * Restores a backup into an empty or missing data directory; a directory that holds a database is
 * refused, so a restore never overwrites data. The backup is unpacked into a folder beside the target
 * and renamed into place once PGlite has opened it.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<{ dataDir: string }> {
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  if (hasDatabase(dataDir) || (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)) {
    throw new Error(
      `${dataDir} is not empty: restore into a new folder (RAPPORT_DATA_DIR), nothing was changed.`,
    );
  }
  const unpacking = `${dataDir}.restoring-${process.pid}`;
  fs.rmSync(unpacking, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(unpacking), { recursive: true });
  try {
    const pglite = await PGlite.create(unpacking, { loadDataDir: new Blob([fs.readFileSync(file)]) });
    // A query proves the backup opened as a database, not just that it unpacked.
    await pglite.query('SELECT 1');
    await pglite.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.renameSync(unpacking, dataDir);
  } catch (error) {
    fs.rmSync(unpacking, { recursive: true, force: true });
    throw new Error(`${file} is not a Rapport backup PGlite can open: ${(error as Error).message}`);
  }
  return { dataDir };
}

function hasDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}
