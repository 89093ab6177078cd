import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { writeDump } from './dump-file.ts';

/**
 * A new embedded database starts from a copy of an empty cluster instead of running initdb: PGlite's
 * initdb takes 4–5 s here, unpacking the copy about 1 s. The copy holds no schema (the migrations
 * still run), so it depends only on the PGlite version, which names the file. It is made once — by
 * `pnpm start`'s build step beside the web app's, by the test suite's setup — and kept under
 * node_modules/.cache, which git ignores; without it a database is created the slow way.
 */
const PGLITE_VERSION: string = (() => {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = path.join(path.dirname(entry), '..', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
})();

export const TEMPLATE_FILE = path.resolve(
  import.meta.dirname,
  '../../node_modules/.cache/rapport',
  `pglite-${PGLITE_VERSION}-empty-cluster.tar.gz`,
);

/** Opens the embedded database in `dataDir`; a new one from the template when there is one. */
export async function createPglite(
  dataDir: string,
  options: Omit<PGliteOptions, 'loadDataDir'>,
  templateFile = TEMPLATE_FILE,
): Promise<PGlite> {
  const template = isNewDataDir(dataDir) ? readTemplate(templateFile) : null;
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

/** Makes the template unless it is there; returns whether it was made now. */
export async function ensureTemplate(templateFile = TEMPLATE_FILE): Promise<boolean> {
  if (fs.existsSync(templateFile)) return false;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-template-'));
  try {
    const pglite = await PGlite.create(scratch);
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
