import client from 'prom-client';

/**
 * What `/metrics` exposes (Prometheus text format), one registry per process: each web instance and
 * each worker is scraped on its own, and Prometheus sums them. Label values are bounded (procedure
 * names of the router, route kinds, job queues), never user input, so a series per value stays cheap.
 */
export const registry = new client.Registry();
// Process CPU, resident memory, heap, event-loop lag and open handles, prefixed like the rest.
client.collectDefaultMetrics({ register: registry, prefix: 'rapport_' });

/** 0.3 s is a bucket edge: the dashboards' target is a p95 of at most 300 ms. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

export const httpRequestDuration = new client.Histogram({
  name: 'rapport_http_request_duration_seconds',
  help: 'HTTP requests by kind of route (trpc, uploads, exports, health, metrics, web), method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: REQUEST_BUCKETS,
  registers: [registry],
});

export const procedureDuration = new client.Histogram({
  name: 'rapport_trpc_procedure_duration_seconds',
  help: 'tRPC procedure calls by procedure, type and outcome (ok or the error code)',
  labelNames: ['procedure', 'type', 'outcome'] as const,
  buckets: REQUEST_BUCKETS,
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: 'rapport_job_duration_seconds',
  help: 'Jobs run by this worker, by queue and outcome (done or failed)',
  labelNames: ['queue', 'outcome'] as const,
  buckets: JOB_BUCKETS,
  registers: [registry],
});

export const jobFailures = new client.Counter({
  name: 'rapport_job_failures_total',
  help: 'Jobs that failed in this worker, by queue (pg-boss may retry them)',
  labelNames: ['queue'] as const,
  registers: [registry],
});

export const ingestedConversations = new client.Counter({
  name: 'rapport_ingested_conversations_total',
  help: 'Conversations stored by this process (uploads, demo load, CLI ingest), replacements included',
  registers: [registry],
});

export const ingestedTurns = new client.Counter({
  name: 'rapport_ingested_turns_total',
  help: 'Turns of the conversations stored by this process',
  registers: [registry],
});

export const rejectedRecords = new client.Counter({
  name: 'rapport_ingest_rejected_records_total',
  help: 'Records rejected while ingesting (invalid, or not storable)',
  registers: [registry],
});

export const readCacheLookups = new client.Counter({
  name: 'rapport_read_cache_lookups_total',
  help: "Dashboard reads looked up in this process's read cache, by result (hit: answered from it, or waiting for the same computation; miss: computed)",
  labelNames: ['result'] as const,
  registers: [registry],
});

export interface PoolStats {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection: above zero for long, the pool is too small. */
  waiting: number;
}

let poolStats: (() => PoolStats) | null = null;

new client.Gauge({
  name: 'rapport_db_pool_connections',
  help: "Connections of the app's PostgreSQL pool, by state (busy, idle); absent on the embedded database",
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const stats = poolStats?.();
    if (!stats) return;
    this.set({ state: 'busy' }, stats.total - stats.idle);
    this.set({ state: 'idle' }, stats.idle);
  },
});

new client.Gauge({
  name: 'rapport_db_pool_waiting_queries',
  help: "Queries waiting for a connection of the app's PostgreSQL pool",
  registers: [registry],
  collect() {
    const stats = poolStats?.();
    if (stats) this.set(stats.waiting);
  },
});

/** The pool whose stats `/metrics` reports (connect.ts makes one for PostgreSQL; PGlite has none). */
export function observePool(stats: (() => PoolStats) | undefined): void {
  poolStats = stats ?? null;
}

/** Runs a job and records its duration and outcome; the job's own error is rethrown unchanged. */
export async function timeJob<T>(queue: string, run: () => Promise<T>): Promise<T> {
  const end = jobDuration.startTimer({ queue });
  try {
    const result = await run();
    end({ outcome: 'done' });
    return result;
  } catch (error) {
    end({ outcome: 'failed' });
    jobFailures.inc({ queue });
    throw error;
  }
}
