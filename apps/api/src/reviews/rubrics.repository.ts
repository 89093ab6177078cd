import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEFAULT_RUBRIC } from './default-rubric.ts';
import { RubricDefinition } from './rubric.ts';

export interface RubricSummary {
  id: number;
  name: string;
  latestVersion: number;
  builtIn: boolean;
}

export interface RubricVersion {
  id: number;
  version: number;
  latestVersion: number;
  builtIn: boolean;
  definition: RubricDefinition;
  createdAt: string;
}

/**
 * Adds the rubric the product ships as the organisation's first rubric, once: two requests at the same
 * moment both try, the partial unique index lets one through and the other adds nothing.
 */
export async function ensureBuiltInRubric(db: Kysely<Database>, organisationId: string): Promise<void> {
  const exists = await db
    .selectFrom('rubrics')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('built_in', '=', true)
    .executeTakeFirst();
  if (exists) return;
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO rubrics (organisation_id, latest_version, built_in) VALUES (${organisationId}, 1, true)
      ON CONFLICT (organisation_id) WHERE built_in DO NOTHING RETURNING id`.execute(trx);
    const id = rows[0]?.id;
    if (id === undefined) return;
    await trx
      .insertInto('rubric_versions')
      .values({
        organisation_id: organisationId,
        rubric_id: id,
        version: 1,
        definition: JSON.stringify(DEFAULT_RUBRIC),
        created_by: null,
      })
      .execute();
  });
}

function latestVersions(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('rubrics as r')
    .innerJoin('rubric_versions as v', (j) =>
      j
        .onRef('v.organisation_id', '=', 'r.organisation_id')
        .onRef('v.rubric_id', '=', 'r.id')
        .onRef('v.version', '=', 'r.latest_version'),
    )
    .where('r.organisation_id', '=', organisationId);
}

export async function listRubrics(db: Kysely<Database>, organisationId: string): Promise<RubricSummary[]> {
  const rows = await latestVersions(db, organisationId)
    .select(['r.id', 'r.latest_version', 'r.built_in', 'v.definition'])
    .orderBy('r.built_in', 'desc')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: (r.definition as RubricDefinition).name,
    latestVersion: r.latest_version,
    builtIn: r.built_in,
  }));
}

/** One version of a rubric (the latest when `version` is left out); null when there is none. */
export async function rubricVersion(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
  version?: number,
): Promise<RubricVersion | null> {
  const row = await db
    .selectFrom('rubrics as r')
    .innerJoin('rubric_versions as v', (j) =>
      j.onRef('v.organisation_id', '=', 'r.organisation_id').onRef('v.rubric_id', '=', 'r.id'),
    )
    .select(['r.id', 'r.latest_version', 'r.built_in', 'v.version', 'v.definition', 'v.created_at'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.id', '=', id)
    .where(({ eb, ref }) => eb('v.version', '=', version ?? ref('r.latest_version')))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    latestVersion: row.latest_version,
    builtIn: row.built_in,
    // Stored versions passed the schema when written; parsing again fills defaults of older shapes.
    definition: RubricDefinition.parse(row.definition),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Run it in a transaction: the rubric and its first version are written together. */
export async function insertRubric(
  trx: Kysely<Database>,
  organisationId: string,
  definition: RubricDefinition,
  createdBy: number,
): Promise<number> {
  const { id } = await trx
    .insertInto('rubrics')
    .values({ organisation_id: organisationId, latest_version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('rubric_versions')
    .values({
      organisation_id: organisationId,
      rubric_id: id,
      version: 1,
      definition: JSON.stringify(definition),
      created_by: createdBy,
    })
    .execute();
  return id;
}

/**
 * Writes the edit as the rubric's next version; the earlier versions stay as they were, and so do the
 * scores of the reviews made with them. Run it in a transaction: the rubric row is locked so that two
 * edits get two versions. null when there is no such rubric.
 */
export async function addRubricVersion(
  trx: Kysely<Database>,
  organisationId: string,
  id: number,
  definition: RubricDefinition,
  createdBy: number,
): Promise<number | null> {
  const { rows } = await sql<{ latest_version: number }>`
    SELECT latest_version FROM rubrics WHERE organisation_id = ${organisationId} AND id = ${id}
    FOR UPDATE`.execute(trx);
  const latest = rows[0]?.latest_version;
  if (latest === undefined) return null;
  const version = latest + 1;
  await trx
    .insertInto('rubric_versions')
    .values({
      organisation_id: organisationId,
      rubric_id: id,
      version,
      definition: JSON.stringify(definition),
      created_by: createdBy,
    })
    .execute();
  await trx
    .updateTable('rubrics')
    .set({ latest_version: version })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  return version;
}
