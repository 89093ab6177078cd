import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../db/open.ts';
import { DEFAULT_DEMO_CONVERSATIONS, loadDemo } from '../demo/load.ts';
import { demoMode, REPO_ROOT, readEnv } from '../env.ts';
import { scoreBatchesWith } from '../ingest/score.ts';
import { queueDefinitionsUpgrade } from '../jobs/definitions-upgrade.ts';
import { startJobQueue } from '../jobs/job-queue.ts';
import { smtpMailer } from '../notifications/mailer.ts';
import { configureLog, log } from '../observability/log.ts';
import { observePool } from '../observability/metrics.ts';
import { ReadCache } from '../read-cache/read-cache.ts';
import { defaultPoolSize, startScoringPool } from '../scoring/scoring-pool.ts';
import { appRequestListener, opsRequestListener, webFiles } from './app.ts';
import { startingGate } from './starting-gate.ts';
import { handOffUploads } from './upload-hand-off.ts';

const WEB_ROOT = path.join(REPO_ROOT, 'apps/web/dist');

/**
 * `pnpm start`: open the port at once, migrate, and fill an empty database with demo data in the
 * background (the dashboard shows the progress meanwhile). RAPPORT_ROLE splits the work between
 * processes on one PostgreSQL database (docs/operations.md): `web` serves HTTP and queues jobs,
 * `worker` runs the jobs and the start-up work (definitions upgrade, demo load), `all` (the default)
 * does both.
 */

async function main() {
  const env = readEnv();
  configureLog({ level: env.RAPPORT_LOG_LEVEL, format: env.RAPPORT_LOG_FORMAT });
  const role = env.RAPPORT_ROLE;
  log.setBindings({ role });
  const works = role !== 'web';
  const demo = demoMode(env);
  const started = Date.now();
  const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);
  // The engine runs in worker threads where jobs run: requests are answered while conversations are
  // scored. A web instance scores nothing (its uploads go to a worker), so it starts no threads.
  const threads = works ? (env.RAPPORT_SCORING_WORKERS ?? defaultPoolSize()) : 0;
  const scoringNote =
    threads > 0
      ? `scoring on ${threads} worker thread${threads === 1 ? '' : 's'}`
      : works
        ? 'scoring on the event loop'
        : 'jobs run by the workers';

  // The port opens first: the pages load, and health says what the process is doing, while the
  // database opens; API requests wait for it (starting-gate.ts).
  let step = env.DATABASE_URL ? 'connecting to PostgreSQL' : 'opening the embedded database';
  let loading: { done: number; total: number } | null = null;
  const gate = startingGate({
    webFiles: role === 'worker' ? null : webFiles(WEB_ROOT),
    step: () => step,
  });
  const listening = http.createServer(gate.listener);
  listening.listen(env.PORT, env.HOST, () => {
    if (role === 'worker') return;
    log.info(
      { port: env.PORT },
      `Rapport is serving at http://localhost:${env.PORT} (${elapsed()} s; ${scoringNote})`,
    );
  });

  log.info(
    env.DATABASE_URL
      ? 'Connecting to PostgreSQL…'
      : `Opening the embedded database in ${env.RAPPORT_DATA_DIR}…`,
  );
  const handle = await openDatabase(env, { pgliteThread: env.RAPPORT_PGLITE_THREAD === 'on' });
  observePool(handle.poolStats);
  step = 'starting the job queue';
  const scoring = threads > 0 ? startScoringPool(threads) : null;
  scoreBatchesWith(scoring);
  // Notifications are sent where the jobs run.
  const mailer = works && env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.RAPPORT_MAIL_FROM) : null;
  const jobs = await startJobQueue(handle, {
    work: works,
    staleAfterMs: env.RAPPORT_STALE_AFTER_MS,
    notifications: { mailer, publicUrl: env.RAPPORT_PUBLIC_URL ?? null },
  });
  // Facts computed by older metric definitions are re-scored in the background; readers keep the old
  // numbers until each batch is rewritten, and the admin's job panel shows the progress.
  if (works) await queueDefinitionsUpgrade(handle.db, jobs, (message) => log.info(message));

  const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM conversations) AS any`.execute(
    handle.db,
  );
  const loadsDemo = works && !rows[0]?.any && demo.on;
  // `health` says "loading" from the first request on, before the first batch is stored.
  if (loadsDemo) loading = { done: 0, total: demo.conversations ?? DEFAULT_DEMO_CONVERSATIONS };

  // A worker answers health and metrics only, on PORT: for its orchestrator and for Prometheus.
  gate.open(
    role === 'worker'
      ? opsRequestListener({ db: handle.db, loading: () => loading, metricsToken: env.METRICS_TOKEN })
      : appRequestListener({
          db: handle.db,
          jobs,
          loading: () => loading,
          uploadLimitBytes: env.RAPPORT_UPLOAD_LIMIT_BYTES,
          allowedOrigins: env.RAPPORT_ALLOWED_ORIGINS,
          demo: demo.on,
          staleAfterMs: env.RAPPORT_STALE_AFTER_MS,
          metricsToken: env.METRICS_TOKEN,
          readCache:
            env.RAPPORT_READ_CACHE_ENTRIES > 0 ? new ReadCache(env.RAPPORT_READ_CACHE_ENTRIES) : null,
          ...(role === 'web' ? { uploadHandOff: handOffUploads(handle.db, jobs) } : {}),
          webRoot: WEB_ROOT,
        }),
  );
  log.info(
    { port: env.PORT },
    role === 'worker'
      ? `Rapport worker is running jobs, health and metrics at http://localhost:${env.PORT} (${elapsed()} s; ${scoringNote})`
      : `Rapport is ready: database open and migrated (${elapsed()} s)`,
  );

  const shutdown = () => {
    listening.close();
    jobs
      .stop()
      .catch((error: unknown) => log.error({ err: error }, 'Job queue did not stop cleanly'))
      .finally(() => {
        mailer?.close();
        return Promise.all([handle.close(), scoring?.close()]).finally(() => process.exit(0));
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  if (works && !rows[0]?.any && !demo.on) {
    log.info('Empty database, demo off: add users with `pnpm rapport users add` and ingest logs.');
  }
  if (loadsDemo) {
    log.info('Empty database: loading demo data (set RAPPORT_DEMO=off to skip)…');
    let lastLogged = 0;
    const summary = await loadDemo(handle.db, 'default', {
      conversations: demo.conversations,
      onProgress: (done, total) => {
        loading = { done, total };
        if (done - lastLogged >= total / 10 || done === total) {
          lastLogged = done;
          log.info({ done, total }, `  demo data: ${done} / ${total} conversations`);
        }
      },
    });
    loading = null;
    log.info(`Demo data loaded: ${summary.accepted} conversations (${elapsed()} s)`);
  }
}

main().catch((error: unknown) => {
  log.fatal(
    { err: error },
    `Rapport could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
