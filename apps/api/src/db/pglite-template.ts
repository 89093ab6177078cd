import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import * as tar from 'tar';
import { writeAtomically } from './dump-file.ts';

/**
 * A new embedded database can start from a copy of a prepared cluster instead of running initdb:
 * PGlite's initdb takes 3–5 s here, unpacking a copy and opening it 1–1.5 s (schema-template.ts makes
 * the one the app uses). Copies are named by the PGlite version they were made with and kept under
 * node_modules/.cache, which git ignores; without one, a database is created the slow way.
 */
export const PGLITE_VERSION: string = packageVersion('@electric-sql/pglite');

/** The installed version of a dependency, from the nearest package.json above its entry point. */
export function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let folder = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === name && parsed.version) return parsed.version;
    }
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no package.json of ${name} above its entry point`);
    folder = parent;
  }
}

/** Where templates are kept. */
export const TEMPLATE_FOLDER = path.resolve(import.meta.dirname, '../../node_modules/.cache/rapport');

/** Opens the embedded database in `dataDir`; a new one from the template when there is one. */
export async function createPglite(
  dataDir: string,
  options: Omit<PGliteOptions, 'loadDataDir'>,
  templateFile: string | null,
): Promise<PGlite> {
  if (templateFile && isNewDataDir(dataDir) && fs.existsSync(templateFile)) {
    try {
      unpackTemplate(templateFile, dataDir);
      return await PGlite.create(dataDir, options);
    } catch {
      // A template that does not load (another build's, damaged) costs only the time it took: the
      // folder is emptied and the cluster made as it would have been without one.
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
    }
  }
  return PGlite.create(dataDir, options);
}

/** The file that makes a folder a cluster (isNewDataDir): packed last, so unpacked last. */
const CLUSTER_MARK = 'PG_VERSION';

/**
 * The template's files written into `dataDir` by tar, synchronously (tar's streams took twice as
 * long), rather than by PGlite's `loadDataDir`, which copies them through its virtual file system.
 * The cluster's mark comes last in the archive (ensureTemplate), so an unpacking cut short leaves a
 * folder that is still new, unpacked again on the next start.
 */
function unpackTemplate(templateFile: string, dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  // Anything tar warns of but a note (a damaged archive) is a template that does not load.
  const problems: string[] = [];
  const onwarn = (code: string, message: string) => {
    if (code !== 'TAR_ENTRY_INFO') problems.push(`${code}: ${message}`);
  };
  tar.x({ sync: true, file: templateFile, cwd: dataDir, onwarn });
  if (problems.length > 0 || !fs.existsSync(path.join(dataDir, CLUSTER_MARK))) {
    throw new Error(`${templateFile} does not unpack to a cluster: ${problems.join('; ')}`);
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
    // Shut down before it is packed: a copy of a running cluster (PGlite's dumpDataDir) replays its
    // WAL on its first open, a second of every first start here.
    await pglite.close();
    fs.mkdirSync(path.dirname(templateFile), { recursive: true });
    // The cluster's mark last (unpackTemplate).
    const entries = [...fs.readdirSync(scratch).filter((entry) => entry !== CLUSTER_MARK), CLUSTER_MARK];
    await writeAtomically(templateFile, (partial) =>
      tar.c({ sync: true, gzip: true, portable: true, file: partial, cwd: scratch }, entries),
    );
    return true;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A folder that holds no cluster yet (no CLUSTER_MARK); in-memory databases are left be. */
function isNewDataDir(dataDir: string): boolean {
  return !dataDir.includes('://') && !fs.existsSync(path.join(dataDir, CLUSTER_MARK));
}
