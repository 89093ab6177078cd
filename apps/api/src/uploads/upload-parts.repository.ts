import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** About a megabyte a row: a 200 MB upload is 200 rows, each small enough for one round trip. */
const PART_BYTES = 1024 * 1024;

/** Copies a received file into the database, where a worker on another machine can read it. */
export async function storeUploadParts(
  db: Kysely<Database>,
  organisationId: string,
  uploadId: number,
  file: string,
): Promise<number> {
  let part = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: PART_BYTES })) {
    await db
      .insertInto('upload_parts')
      .values({ organisation_id: organisationId, upload_id: uploadId, part, data: chunk as Buffer })
      .execute();
    part += 1;
  }
  return part;
}

/** Writes the stored parts back into a file, one part in memory at a time; returns the bytes written. */
export async function writeUploadParts(
  db: Kysely<Database>,
  organisationId: string,
  uploadId: number,
  file: string,
): Promise<number> {
  const out = await fs.promises.open(file, 'w');
  let bytes = 0;
  try {
    for (let part = 0; ; part += 1) {
      const row = await db
        .selectFrom('upload_parts')
        .select('data')
        .where('organisation_id', '=', organisationId)
        .where('upload_id', '=', uploadId)
        .where('part', '=', part)
        .executeTakeFirst();
      if (!row) return bytes;
      await out.write(row.data);
      bytes += row.data.byteLength;
    }
  } finally {
    await out.close();
  }
}

export async function deleteUploadParts(
  db: Kysely<Database>,
  organisationId: string,
  uploadId: number,
): Promise<void> {
  await db
    .deleteFrom('upload_parts')
    .where('organisation_id', '=', organisationId)
    .where('upload_id', '=', uploadId)
    .execute();
}

/** The parts of uploads that ended without their worker (a web process died waiting): not needed any more. */
export async function deleteOrphanedUploadParts(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('upload_parts')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('uploads')
          .whereRef('uploads.organisation_id', '=', 'upload_parts.organisation_id')
          .whereRef('uploads.id', '=', 'upload_parts.upload_id')
          .where('uploads.status', '<>', 'running')
          .select('uploads.id'),
      ),
    )
    .execute();
}
