import { once } from 'node:events';
import fs from 'node:fs';
import { DEMO_SCRIPT_LINES } from '@rapport/demo/phrases.ts';
import { demoRoster } from '@rapport/demo/roster.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type IngestSummary, ingest } from '../ingest/ingest.ts';
import type { ParsedItem } from '../ingest/jsonl.ts';
import { updateConfig } from '../organisations/config.repository.ts';
import { withNewDataVersion } from '../read-cache/data-versions.repository.ts';
import { demoRecords } from './records.ts';
import { writeStory } from './story-writer.ts';
import { createDemoUsers } from './users.ts';

export interface DemoOptions {
  conversations?: number | undefined;
  seed?: number | undefined;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_DEMO_CONVERSATIONS = 20_000;

/**
 * Generates the demo logs and ingests them through the same pipeline as any file, with demo users, then
 * adds the story: coaching sessions and disputes (story.ts).
 */
export async function loadDemo(
  db: Kysely<Database>,
  organisationId: string,
  options: DemoOptions = {},
): Promise<IngestSummary> {
  const total = options.conversations ?? DEFAULT_DEMO_CONVERSATIONS;
  await createDemoUsers(db, organisationId, options.seed);
  // The demo's scripted agent reads from this library; without one, scriptReliance has no data.
  await updateConfig(db, organisationId, { scripts: [...DEMO_SCRIPT_LINES] });
  // Teams by their display names; ingest only creates teams it has not seen, named by their id.
  await withNewDataVersion(db, organisationId, (trx) =>
    trx
      .insertInto('teams')
      .values(
        demoRoster(options.seed).teams.map((t) => ({
          organisation_id: organisationId,
          id: t.id,
          name: t.name,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'id']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })),
      )
      .execute(),
  );
  const summary = await ingest(db, demoItems(total, options.seed), {
    organisationId,
    onProgress: ({ accepted, rejected }) => options.onProgress?.(accepted + rejected, total),
  });
  // After the ingest: disputes name stored flags, and coaching impact reads stored facts.
  await writeStory(db, organisationId, demoRoster(options.seed));
  return summary;
}

function* demoItems(conversations: number, seed: number | undefined): Generator<ParsedItem> {
  let line = 0;
  for (const record of demoRecords({ conversations, ...(seed === undefined ? {} : { seed }) })) {
    line += 1;
    yield { line, record };
  }
}

/** Writes the demo logs as JSON Lines, streaming with back-pressure; returns the number written. */
export async function writeDemoFile(file: string, options: DemoOptions = {}): Promise<number> {
  const out = fs.createWriteStream(file);
  let written = 0;
  const conversations = options.conversations ?? DEFAULT_DEMO_CONVERSATIONS;
  for (const record of demoRecords({
    conversations,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  })) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    written += 1;
  }
  out.end();
  await once(out, 'finish');
  return written;
}
