import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './database.ts';
import { FRACTION_METRICS, metricColumns } from './metric-columns.ts';
import { MIGRATION_NAMES, migrateToLatest } from './migrate.ts';
import { ensureTemplate, PGLITE_VERSION, TEMPLATE_FOLDER } from './pglite-template.ts';

/**
 * The template a new embedded database starts from: an empty cluster already migrated to the latest
 * schema, so that neither initdb (4–5 s) nor the migrations (about 1 s) run on a first start or for
 * each test's database. Its name carries a digest of everything the schema is made from — every
 * migration's source and the metric columns the registry adds — so that a changed or added migration
 * names another file, and a database is then made the slow way until `pnpm build` makes the new one.
 */
export const SCHEMA_TEMPLATE_FILE = path.join(
  TEMPLATE_FOLDER,
  `pglite-${PGLITE_VERSION}-schema-${schemaDigest()}.tar.gz`,
);

/** `pnpm build`'s step: makes the template unless it is there; returns whether it was made now. */
export async function ensureSchemaTemplate(): Promise<boolean> {
  const made = await ensureTemplate(SCHEMA_TEMPLATE_FILE, async (pglite) => {
    // Not destroyed: Kysely's destroy would close the cluster before it is dumped.
    await migrateToLatest(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }));
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
  return hash.digest('hex').slice(0, 12);
}
