import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { writeDump } from './dump-file.ts';

/**
 * A new embedded database can start from a copy of a prepared cluster instead of running initdb:
 * PGlite's initdb takes 4–5 s here, unpacking a copy about 1 s (schema-template.ts makes the one the
 * app uses). Copies are named by the PGlite version they were made with and kept under
 * node_modules/.cache, which git ignores; without one, a database is created the slow way.
 */
export const PGLITE_VERSION: string = (() => {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = path.join(path.dirname(entry), '..', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
})();

/** Where templates are kept. */
export const TEMPLATE_FOLDER = path.resolve(import.meta.dirname, '../../node_modules/.cache/rapport');

/** Opens the embedded database in `dataDir`; a new one from the template when there is one. */
export async function createPglite(
  dataDir: string,
  options: Omit<PGliteOptions, 'loadDataDir'>,
  templateFile: string | null,
): Promise<PGlite> {
  const template = templateFile && isNewDataDir(dataDir) ? readTemplate(templateFile) : null;
  if (!template) return PGlite.create(dataDir, options);
  try {
    return await PGlite.create(dataDir, { ...options, loadDataDir: template });
  } catch {
    // A template that does not load (another build's, damaged) costs only the time it took: the
    // folder is emptied and the cluster made as it would have been without one.
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    return PGlite.create(dataDir, options);
  }
}

/**
 * Makes the template unless it is there: a new cluster, `prepare`d, then dumped. Returns whether it
 * was made now.
 */
export async function ensureTemplate(
  templateFile: string,
  prepare: (pglite: PGlite) => Promise<void> = async () => {},
): Promise<boolean> {
  if (fs.existsSync(templateFile)) return false;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-template-'));
  try {
    const pglite = await PGlite.create(scratch);
    await prepare(pglite);
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    fs.mkdirSync(path.dirname(templateFile), { recursive: true });
    await writeDump(templateFile, dump);
    return true;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A folder that holds no cluster yet (a cluster has PG_VERSION); in-memory databases are left be. */
function isNewDataDir(dataDir: string): boolean {
  return !dataDir.includes('://') && !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

function readTemplate(templateFile: string): Blob | null {
  try {
    return new Blob([fs.readFileSync(templateFile)]);
  } catch {
    return null;
  }
}
