import {
  type CoachingConfig,
  DEFAULT_ENGINE_OPTIONS,
  DEFAULT_LEXICONS,
  type EngineOptions,
  type ExceptionOverrides,
  type LexiconId,
  type LexiconOverrides,
  METRIC_IDS,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { withNewDataVersion } from '../read-cache/data-versions.repository.ts';
import { Text } from '../text-input.ts';

const WordList = z.array(Text(60).trim().min(1)).max(200);
const LexiconEntrySchema = z.object({
  phrase: Text(200).trim().min(1, 'a phrase cannot be empty'),
  suggestion: Text(300).trim().min(1).optional(),
  context: z
    .object({
      subject: z.literal('agentSide').optional(),
      nextWordIn: z.array(Text(60).trim()).max(200).optional(),
      nextWordNotIn: WordList.optional(),
      sentenceHas: WordList.optional(),
      sentenceLacks: WordList.optional(),
    })
    .strict()
    .optional(),
});
const ExceptionPhrase = Text(200).trim().min(1, 'an exception cannot be empty');
// Every lexicon the engine ships, by its id: an organisation may override any of them.
const LEXICON_IDS = Object.keys(DEFAULT_LEXICONS) as [LexiconId, ...LexiconId[]];
const MetricIdSchema = z.enum(METRIC_IDS as [string, ...string[]]);

/** What an admin may change; every field optional so that an update can send just one part. */
export const ConfigPatch = z.object({
  // partialRecord: with enum keys, zod 4's record demands every key; a patch names only some.
  targets: z
    .partialRecord(
      MetricIdSchema,
      z.object({ direction: z.enum(['lower', 'higher']), value: z.number().finite() }).nullable(),
    )
    .optional(),
  weights: z.partialRecord(MetricIdSchema, z.number().min(0).max(10)).optional(),
  responseTargetsMs: z
    .object({
      voice: z.number().int().positive(),
      chat: z.number().int().positive(),
      email: z.number().int().positive(),
    })
    .partial()
    .optional(),
  /** A list replaces the default; `null` goes back to the default list. */
  lexicons: z
    .partialRecord(z.enum(LEXICON_IDS), z.array(LexiconEntrySchema).min(1).max(2_000).nullable())
    .optional(),
  /** A list replaces the default exceptions (it may be empty); `null` goes back to the default. */
  exceptions: z.partialRecord(z.enum(LEXICON_IDS), z.array(ExceptionPhrase).max(2_000).nullable()).optional(),
  scripts: z.array(Text(1_000).trim().min(1)).max(5_000).optional(),
});
export type ConfigPatch = z.infer<typeof ConfigPatch>;

export interface OrganisationConfig {
  coaching: CoachingConfig;
  responseTargetsMs: EngineOptions['responseTargetsMs'];
  lexicons: LexiconOverrides;
  exceptions: ExceptionOverrides;
  scripts: string[];
}

export async function getConfig(db: Kysely<Database>, organisationId: string): Promise<OrganisationConfig> {
  const row = await db
    .selectFrom('organisation_config')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    coaching: {
      targets: (row?.targets ?? {}) as CoachingConfig['targets'],
      weights: (row?.weights ?? {}) as CoachingConfig['weights'],
    },
    responseTargetsMs: { ...DEFAULT_ENGINE_OPTIONS.responseTargetsMs, ...(row?.response_targets_ms ?? {}) },
    lexicons: (row?.lexicons ?? {}) as LexiconOverrides,
    exceptions: (row?.lexicon_exceptions ?? {}) as ExceptionOverrides,
    scripts: (row?.scripts ?? []) as string[],
  };
}

/** The metric engine's options for an organisation: its response targets, lexicons and scripts. */
export function engineOptionsFor(config: OrganisationConfig): EngineOptions {
  return {
    responseTargetsMs: config.responseTargetsMs,
    ...(Object.keys(config.lexicons).length > 0 ? { lexicons: config.lexicons } : {}),
    ...(Object.keys(config.exceptions).length > 0 ? { exceptions: config.exceptions } : {}),
    ...(config.scripts.length > 0 ? { scripts: config.scripts } : {}),
  };
}

export async function loadEngineOptions(
  db: Kysely<Database>,
  organisationId: string,
): Promise<EngineOptions> {
  return engineOptionsFor(await getConfig(db, organisationId));
}

/** Merges a validated patch into the stored configuration. Returns which parts changed. */
export async function updateConfig(
  db: Kysely<Database>,
  organisationId: string,
  patch: ConfigPatch,
): Promise<{ changed: (keyof ConfigPatch)[] }> {
  const current = await getConfig(db, organisationId);
  const next = {
    targets: JSON.stringify({ ...current.coaching.targets, ...patch.targets }),
    weights: JSON.stringify({ ...current.coaching.weights, ...patch.weights }),
    response_targets_ms: JSON.stringify({ ...current.responseTargetsMs, ...patch.responseTargetsMs }),
    lexicons: JSON.stringify(withoutNulls({ ...current.lexicons, ...patch.lexicons })),
    lexicon_exceptions: JSON.stringify(withoutNulls({ ...current.exceptions, ...patch.exceptions })),
    scripts: JSON.stringify(patch.scripts ?? current.scripts),
  };
  await withNewDataVersion(db, organisationId, (trx) =>
    trx
      .insertInto('organisation_config')
      .values({ organisation_id: organisationId, ...next })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...next, updated_at: new Date() }))
      .execute(),
  );
  return { changed: (Object.keys(patch) as (keyof ConfigPatch)[]).filter((k) => patch[k] !== undefined) };
}

function withoutNulls<T>(record: Record<string, T | null>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null)) as Record<string, T>;
}

/** Parts of the configuration that change stored metric facts (the rest is read at query time). */
export function affectsStoredMetrics(changed: readonly (keyof ConfigPatch)[]): boolean {
  return changed.some(
    (k) => k === 'lexicons' || k === 'exceptions' || k === 'scripts' || k === 'responseTargetsMs',
  );
}
