import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { ensureMetricColumns } from './metric-columns.ts';
import * as initial from './migrations/2026-11-25-01-initial.ts';
import * as sessions from './migrations/2026-11-25-02-sessions.ts';
import * as workflow from './migrations/2026-11-25-03-workflow.ts';
import * as rollupCounts from './migrations/2026-11-25-04-rollup-counts.ts';
import * as jobs from './migrations/2026-11-25-05-jobs.ts';
import * as userRemoval from './migrations/2026-11-25-06-user-removal.ts';
import * as childTablesWithoutFk from './migrations/2026-11-25-07-child-tables-without-fk.ts';
import * as longConversations from './migrations/2026-11-25-08-long-conversations.ts';
import * as uploadProgress from './migrations/2026-11-25-09-upload-progress.ts';
import * as agentDayByAgent from './migrations/2026-11-25-10-agent-day-by-agent.ts';
import * as definitionsV2 from './migrations/2026-11-25-11-definitions-v2.ts';
import * as liveness from './migrations/2026-11-25-12-liveness.ts';
import * as signInLimits from './migrations/2026-12-01-01-sign-in-limits.ts';
import * as nonTalkTime from './migrations/2026-12-01-02-non-talk-time.ts';
import * as reviews from './migrations/2026-12-02-01-reviews.ts';
import * as notifications from './migrations/2026-12-02-02-notifications.ts';
import * as uploadParts from './migrations/2026-12-02-03-upload-parts.ts';
import * as savedViews from './migrations/2026-12-02-05-saved-views.ts';
import * as dataLifecycle from './migrations/2026-12-02-06-data-lifecycle.ts';
import * as dataVersions from './migrations/2026-12-02-07-data-versions.ts';
import * as savedViewKinds from './migrations/2026-12-03-01-saved-view-kinds.ts';

/** Migrations are listed here, in order, so that bundlers and tsx find them without a folder scan. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-25-01-initial': initial,
  '2026-11-25-02-sessions': sessions,
  '2026-11-25-03-workflow': workflow,
  '2026-11-25-04-rollup-counts': rollupCounts,
  '2026-11-25-05-jobs': jobs,
  '2026-11-25-06-user-removal': userRemoval,
  '2026-11-25-07-child-tables-without-fk': childTablesWithoutFk,
  '2026-11-25-08-long-conversations': longConversations,
  '2026-11-25-09-upload-progress': uploadProgress,
  '2026-11-25-10-agent-day-by-agent': agentDayByAgent,
  '2026-11-25-11-definitions-v2': definitionsV2,
  '2026-11-25-12-liveness': liveness,
  '2026-12-01-01-sign-in-limits': signInLimits,
  '2026-12-01-02-non-talk-time': nonTalkTime,
  '2026-12-02-01-reviews': reviews,
  '2026-12-02-02-notifications': notifications,
  '2026-12-02-03-upload-parts': uploadParts,
  '2026-12-02-05-saved-views': savedViews,
  '2026-12-02-06-data-lifecycle': dataLifecycle,
  '2026-12-02-07-data-versions': dataVersions,
  '2026-12-03-01-saved-view-kinds': savedViewKinds,
};

/** The migrations' names, in order: each is the file `migrations/<name>.ts`. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Developers add migrations side by side; a database that already ran a later one still takes an
  // earlier-named newcomer instead of refusing to start.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await ensureMetricColumns(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
