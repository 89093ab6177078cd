/**
 * `pnpm bench:recompute`: what a supervisor feels of a recompute. The real server (`src/server/main.ts`,
 * with its scoring pool and job worker) runs in a child process on BENCH_CONVERSATIONS demo
 * conversations (default 20000); this process, a client on an event loop of its own, signs in over
 * HTTP and times the team overview, one request after another: BENCH_IDLE_SECONDS (default 10) idle,
 * then for as long as the recompute that an admin's lexicon change queues is running.
 * Once on PostgreSQL (a fresh database on BENCH_DATABASE_URL, dropped after) and once on PGlite (a
 * temporary data directory); BENCH_DATABASES=postgres or =pglite runs one of them.
 * Target: p95 during the recompute ≤ 3 × the idle p95. Figures only: a missed target does not fail
 * the run.
 */
import { DEMO_PASSWORD, demoAccountList } from '../src/demo/users.ts';
import { freePort, startServer, stopServer } from './api-server.ts';
import { withPgliteDirectory, withServerDatabase } from './bench-databases.ts';
import { percentileOf } from './samples.ts';

function withPostgres<T>(work: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  return withServerDatabase('rapport_bench_recompute', (url) => work({ DATABASE_URL: url }));
}

function withPglite<T>(work: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  return withPgliteDirectory('rapport-bench-recompute', (dir) =>
    work({ DATABASE_URL: '', RAPPORT_DATA_DIR: dir }),
  );
}

const SIZE = Number(process.env.BENCH_CONVERSATIONS ?? 20_000);
const IDLE_MS = Number(process.env.BENCH_IDLE_SECONDS ?? 10) * 1000;
/** As often as the admin's job panel asks (apps/web/src/pages/admin/job-progress.tsx). */
const STATUS_POLL_MS = 1_000;
const TARGET_RATIO = 3;
const DATABASES = {
  postgres: { label: 'PostgreSQL', around: withPostgres },
  pglite: { label: 'PGlite', around: withPglite },
} as const;
type DatabaseName = keyof typeof DATABASES;

interface Sample {
  /** Wall clock at the request's start, to compare with the job's own started/finished times. */
  at: number;
  ms: number;
}

interface JobStatus {
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number | null };
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

interface Figures {
  kind: string;
  idle: number[];
  during: number[];
  recomputeSeconds: number;
  progress: string[];
  finalState: string;
}

async function main() {
  const results: Figures[] = [];
  const names = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',') as DatabaseName[];
  for (const name of names) {
    const database = DATABASES[name];
    if (!database) throw new Error(`BENCH_DATABASES: expected postgres and/or pglite, not ${name}`);
    console.log(`\n${database.label}: loading ${SIZE} demo conversations…`);
    const figures = await database.around((env) => measure(database.label, env));
    results.push(figures);
    print(figures);
  }
  console.log(`\nsummary (${SIZE} conversations; target: p95 during ≤ ${TARGET_RATIO} × idle p95):`);
  for (const figures of results) console.log(`  ${summaryLine(figures)}`);
}

async function measure(kind: string, databaseEnv: NodeJS.ProcessEnv): Promise<Figures> {
  const port = await freePort();
  const server = await startServer({ ...databaseEnv, RAPPORT_DEMO: String(SIZE), PORT: String(port) });
  try {
    const client = httpClient(`http://127.0.0.1:${port}`);
    const supervisor = demoAccountList().find((a) => a.role === 'supervisor');
    if (!supervisor) throw new Error('the demo has no supervisor');
    const supervisorCookie = await client.signIn(supervisor.email);
    const adminCookie = await client.signIn('admin@rapport.demo');
    // The overview's own default period (30 days ending on the latest day with data), then fixed.
    const first = await client.query<{ period: { from: string; to: string } }>(
      'teams.overview',
      {},
      supervisorCookie,
    );
    const me = await client.query<{ teamId: string | null }>('auth.me', undefined, supervisorCookie);
    const input = { ...first.period, ...(me.teamId ? { teamId: me.teamId } : {}) };
    const overview = async (): Promise<Sample> => {
      const at = Date.now();
      const started = performance.now();
      await client.query('teams.overview', input, supervisorCookie);
      return { at, ms: performance.now() - started };
    };
    console.log(
      `  ${supervisor.email}, team ${input.teamId ?? '(all)'}, ${input.from} – ${input.to}; ${IDLE_MS / 1000} s idle…`,
    );

    const idle: Sample[] = [];
    const idleUntil = performance.now() + IDLE_MS;
    while (performance.now() < idleUntil) idle.push(await overview());

    const jobId = await triggerRecompute(client, adminCookie);
    const enqueuedAt = performance.now();
    console.log(`  recompute job ${jobId} queued; timing the overview while it runs…`);
    const progress: string[] = [];
    let status: JobStatus | null = null;
    const followJob = (async () => {
      for (;;) {
        status = await client.query<JobStatus>('admin.jobs.status', { id: jobId }, adminCookie);
        const { done, total } = status.progress;
        progress.push(`${status.state} ${done} of ${total ?? '?'}`);
        if (status.state === 'done' || status.state === 'failed') return status;
        await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
      }
    })();
    let finished = false;
    const settled = followJob.then(
      () => {},
      () => {},
    );
    settled.finally(() => {
      finished = true;
    });
    const all: Sample[] = [];
    while (!finished) all.push(await overview());
    const job = await followJob;
    const ended = performance.now();
    if (!job.startedAt || !job.finishedAt) throw new Error(`job ${jobId} ended without its times`);
    const startedAt = Date.parse(job.startedAt);
    const finishedAt = Date.parse(job.finishedAt);
    // Only the requests sent while the job ran: before it, it waited for the worker's next poll.
    const during = all.filter((s) => s.at >= startedAt && s.at <= finishedAt);
    console.log(
      `  job ${job.state} ${((ended - enqueuedAt) / 1000).toFixed(1)} s after it was queued${job.error ? `: ${job.error}` : ''}`,
    );
    return {
      kind,
      idle: idle.map((s) => s.ms),
      during: during.map((s) => s.ms),
      recomputeSeconds: (finishedAt - startedAt) / 1000,
      progress,
      finalState: job.state,
    };
  } finally {
    await stopServer(server);
  }
}

/**
 * What an admin's lexicon edit does: the empathy lexicon gets one phrase more, which changes stored
 * facts, so `admin.config.update` queues a recompute of every conversation and returns its job id.
 */
async function triggerRecompute(client: HttpClient, adminCookie: string): Promise<string> {
  const config = await client.query<{
    effective: { lexicons: { empathy: { entries: { phrase: string }[] } } };
  }>('admin.config.get', undefined, adminCookie);
  const entries = [...config.effective.lexicons.empathy.entries, { phrase: 'that sounds really stressful' }];
  const { jobId } = await client.mutate<{ jobId: string | null }>(
    'admin.config.update',
    { lexicons: { empathy: entries } },
    adminCookie,
  );
  if (!jobId) throw new Error('the lexicon change queued no recompute');
  return jobId;
}

interface HttpClient {
  signIn(email: string): Promise<string>;
  query<T>(procedure: string, input: unknown, cookie: string): Promise<T>;
  mutate<T>(procedure: string, input: unknown, cookie: string): Promise<T>;
}

/** tRPC over HTTP as the web app calls it: GET for queries, JSON POST from the server's own origin. */
function httpClient(base: string): HttpClient {
  const call = async <T>(response: Response, procedure: string): Promise<T> => {
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok || !body.result) {
      throw new Error(`${procedure}: HTTP ${response.status} ${body.error?.message ?? ''}`);
    }
    return body.result.data;
  };
  const post = (procedure: string, input: unknown, cookie?: string) =>
    fetch(`${base}/trpc/${procedure}`, {
      method: 'POST',
      body: JSON.stringify(input),
      headers: {
        'content-type': 'application/json',
        origin: base,
        ...(cookie ? { cookie } : {}),
      },
    });
  return {
    async signIn(email) {
      const response = await post('auth.login', { email, password: DEMO_PASSWORD });
      await call(response, 'auth.login');
      const session = response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0] as string)
        .find((c) => c.startsWith('rapport_session='));
      if (!session) throw new Error(`signing in as ${email} set no session cookie`);
      return session;
    },
    async query(procedure, input, cookie) {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return call(await fetch(`${base}/trpc/${procedure}${query}`, { headers: { cookie } }), procedure);
    },
    async mutate(procedure, input, cookie) {
      return call(await post(procedure, input, cookie), procedure);
    },
  };
}

function print(f: Figures) {
  const every = Math.max(1, Math.ceil(f.progress.length / 8));
  const sampled = f.progress.filter((_, i) => i % every === 0 || i === f.progress.length - 1);
  console.log(`  job panel, sampled: ${sampled.join(' → ')}`);
  console.log(`  recompute (job ${f.finalState}): ${f.recomputeSeconds.toFixed(1)} s of the job running`);
  console.log(`  idle:   ${stats(f.idle)}`);
  console.log(`  during: ${f.during.length > 0 ? stats(f.during) : 'no request started while it ran'}`);
}

function stats(ms: number[]): string {
  return `p50 ${percentileOf(ms, 0.5).toFixed(0)} ms, p95 ${percentileOf(ms, 0.95).toFixed(0)} ms, n ${ms.length}`;
}

function summaryLine(f: Figures): string {
  if (f.during.length === 0) return `${f.kind}: no request during the recompute`;
  const idleP95 = percentileOf(f.idle, 0.95);
  const duringP95 = percentileOf(f.during, 0.95);
  const ratio = duringP95 / idleP95;
  return [
    `${f.kind}: idle p50/p95 ${percentileOf(f.idle, 0.5).toFixed(0)}/${idleP95.toFixed(0)} ms`,
    `during p50/p95 ${percentileOf(f.during, 0.5).toFixed(0)}/${duringP95.toFixed(0)} ms`,
    `ratio ${ratio.toFixed(1)}`,
    ratio <= TARGET_RATIO ? 'meets the target' : 'misses the target',
    `recompute ${f.recomputeSeconds.toFixed(1)} s`,
  ].join('; ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
