import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './database.ts';
import { FRACTION_METRICS, metricColumns } from './metric-columns.ts';
import { MIGRATION_NAMES, migrateToLatest } from './migrate.ts';
import { ensureTemplate, PGLITE_VERSION, packageVersion, TEMPLATE_FOLDER } from './pglite-template.ts';

/**
 * The template a new embedded database starts from: an empty cluster already migrated to the latest
 * schema, with the job queue's schema and fixed queues installed, so that neither initdb (4–5 s), the
 * migrations (about 1 s) nor pg-boss's installation (1.5–2 s) run on a first start or for each test's
 * database. Its name carries a digest of everything the schema is made from — every migration's
 * source, the metric columns the registry adds, the job queue's source, pg-boss's version and the
 * packing (pglite-template.ts) — so that a change names another file, and a database is then made the
 * slow way until `pnpm build` makes the new one.
 */
export const SCHEMA_TEMPLATE_FILE = path.join(
  TEMPLATE_FOLDER,
  `pglite-${PGLITE_VERSION}-schema-${schemaDigest()}.tar.gz`,
);

/** `pnpm build`'s step: makes the template unless it is there; returns whether it was made now. */
export async function ensureSchemaTemplate(): Promise<boolean> {
  // Imported here, not above: connect.ts reads this module for the file's name alone, and the job
  // queue's modules have no place in every process that opens a database.
  const { installJobQueue } = await import('../jobs/job-queue.ts');
  const made = await ensureTemplate(SCHEMA_TEMPLATE_FILE, async (pglite) => {
    // Not destroyed: Kysely's destroy would close the cluster before it is dumped.
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    await installJobQueue({ db, kind: 'pglite', pglite, close: async () => {} });
  });
  // Templates of earlier schemas (4 MB each) are of no more use.
  for (const file of fs.readdirSync(TEMPLATE_FOLDER)) {
    const stale = file.startsWith('pglite-') && file !== path.basename(SCHEMA_TEMPLATE_FILE);
    if (stale) fs.rmSync(path.join(TEMPLATE_FOLDER, file), { force: true });
  }
  return made;
}

function schemaDigest(): string {
  const hash = createHash('sha256');
  for (const name of MIGRATION_NAMES) {
    hash.update(name).update(fs.readFileSync(path.join(import.meta.dirname, 'migrations', `${name}.ts`)));
  }
  for (const id of FRACTION_METRICS) hash.update(Object.values(metricColumns(id)).join(','));
  hash.update(fs.readFileSync(path.join(import.meta.dirname, '../jobs/job-queue.ts')));
  // How a template is packed and unpacked: a template of another packing is another file.
  hash.update(fs.readFileSync(path.join(import.meta.dirname, 'pglite-template.ts')));
  hash.update(packageVersion('pg-boss'));
  return hash.digest('hex').slice(0, 12);
}
