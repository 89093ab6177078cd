import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../db/open.ts';
import { DEFAULT_DEMO_CONVERSATIONS, loadDemo } from '../demo/load.ts';
import { demoMode, REPO_ROOT, readEnv } from '../env.ts';
import { scoreBatchesWith } from '../ingest/score.ts';
import { queueDefinitionsUpgrade } from '../jobs/definitions-upgrade.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { smtpMailer } from '../notifications/mailer.ts';
import { defaultPoolSize, startScoringPool } from '../scoring/scoring-pool.ts';
import { createApp } from './app.ts';

/**
 * `pnpm start`: migrate, serve at once, and fill an empty database with demo data in the background
 * (the dashboard shows the progress meanwhile).
 */
async function main() {
  const env = readEnv();
  const demo = demoMode(env);
  const started = Date.now();
  log(
    env.DATABASE_URL
      ? 'Connecting to PostgreSQL…'
      : `Opening the embedded database in ${env.RAPPORT_DATA_DIR}…`,
  );
  const handle = await openDatabase(env);
  let loading: { done: number; total: number } | null = null;
  // The worker of long jobs (recompute after a configuration change) runs in this process.
  // The engine runs in worker threads: requests are answered while conversations are scored.
  const workers = env.RAPPORT_SCORING_WORKERS ?? defaultPoolSize();
  const scoring = workers > 0 ? startScoringPool(workers) : null;
  scoreBatchesWith(scoring);
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.RAPPORT_MAIL_FROM) : null;
  const jobs = await startJobQueue(handle, {
    work: true,
    staleAfterMs: env.RAPPORT_STALE_AFTER_MS,
    notifications: { mailer, publicUrl: env.RAPPORT_PUBLIC_URL ?? null },
  });
  // Facts computed by older metric definitions are re-scored in the background; readers keep the old
  // numbers until each batch is rewritten, and the admin's job panel shows the progress.
  await queueDefinitionsUpgrade(handle.db, jobs, log);

  const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM conversations) AS any`.execute(
    handle.db,
  );
  const loadsDemo = !rows[0]?.any && demo.on;
  // `health` says "loading" from the first request on, before the first batch is stored.
  if (loadsDemo) loading = { done: 0, total: demo.conversations ?? DEFAULT_DEMO_CONVERSATIONS };

  const server = createApp({
    db: handle.db,
    jobs,
    loading: () => loading,
    uploadLimitBytes: env.RAPPORT_UPLOAD_LIMIT_BYTES,
    allowedOrigins: env.RAPPORT_ALLOWED_ORIGINS,
    demo: demo.on,
    staleAfterMs: env.RAPPORT_STALE_AFTER_MS,
    webRoot: path.join(REPO_ROOT, 'apps/web/dist'),
  });
  server.listen(env.PORT, env.HOST, () => {
    log(
      `Rapport is serving at http://localhost:${env.PORT} (${((Date.now() - started) / 1000).toFixed(1)} s; scoring ${scoring ? `on ${scoring.size} worker thread${scoring.size === 1 ? '' : 's'}` : 'on the event loop'})`,
    );
  });

  const shutdown = () => {
    server.close();
    jobs
      .stop()
      .catch((error: unknown) => console.error('Job queue did not stop cleanly:', error))
      .finally(() => {
        mailer?.close();
        return Promise.all([handle.close(), scoring?.close()]).finally(() => process.exit(0));
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  if (!rows[0]?.any && !demo.on) {
    log('Empty database, demo off: add users with `pnpm rapport users add` and ingest logs.');
  }
  if (loadsDemo) {
    log('Empty database: loading demo data (set RAPPORT_DEMO=off to skip)…');
    let lastLogged = 0;
    const summary = await loadDemo(handle.db, 'default', {
      conversations: demo.conversations,
      onProgress: (done, total) => {
        loading = { done, total };
        if (done - lastLogged >= total / 10 || done === total) {
          lastLogged = done;
          log(`  demo data: ${done} / ${total} conversations`);
        }
      },
    });
    loading = null;
    log(
      `Demo data loaded: ${summary.accepted} conversations (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

main().catch((error: unknown) => {
  console.error(`Rapport could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
