/**
 * `pnpm bench:load`: many signed-in people reading the dashboard at once. The real server
 * (`src/server/main.ts`) runs in a child process with the default demo data (20,000 conversations);
 * this process signs in `--sessions` sessions (default 100) over HTTP with the demo accounts and, for
 * `--seconds` (default 30), each session reads the pages its role reads, one request after another,
 * through the tRPC HTTP endpoints with the inputs the web app sends (no period: the reads' default):
 *
 * - a supervisor: their team's overview, the scorecard and opportunities of one of its agents, the
 *   conversation list and one conversation of it;
 * - HR: the all-teams overview, an agent's scorecard and opportunities (HR reads no transcripts);
 * - an agent: their own scorecard and opportunities, their conversation list and one conversation.
 *
 * Sessions are 1 in 10 HR, 3 in 10 supervisors, 6 in 10 agents, spread over the demo's accounts
 * (several sessions share an account, each signs in itself). Sessions connect from addresses of
 * their own (127.0.0.x), at most five sessions of an account from one, as people do: from one
 * address, a hundred sign-ins would meet the sign-in limits (auth/login.ts) against password spraying.
 *
 * Prints per database: requests/s, p50/p95/p99 latency, errors (any non-2xx answer or tRPC error),
 * the server's peak memory (resident set sampled during the load, and VmHWM since it started, which
 * includes the demo load), and beside it the team overview's single-request time on an idle server
 * (median of 20 sequential requests), once as served (cached) and once with the read cache off; per
 * procedure, its latencies and the median size of its responses.
 * Target (issue 16): 0 errors, p95 ≤ 300 ms on PostgreSQL and ≤ 1 s on PGlite. Figures only: a
 * missed target does not fail the run.
 *
 * Flags: `--seconds 30`, `--sessions 100`, `--db pg|pglite|both`, `--conversations 20000`, and
 * `--web 1`: on PostgreSQL, that many web instances on the one database (the first `RAPPORT_ROLE=all`,
 * which loads the demo and runs the jobs, the others `web`), session i on instance i mod n as a proxy
 * would spread them; memory is then their sum. PGlite always runs one (its data belongs to a process).
 * PostgreSQL: a fresh database on BENCH_DATABASE_URL, dropped after; PGlite: a temporary data directory.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { LOGIN_LIMITS } from '../src/auth/login.ts';
import { DEFAULT_DEMO_CONVERSATIONS } from '../src/demo/load.ts';
import { DEMO_PASSWORD, type DemoAccount, demoAccountList } from '../src/demo/users.ts';
import { freePort, startServer, stopServer } from './api-server.ts';
import { withPgliteDirectory, withServerDatabase } from './bench-databases.ts';
import { medianOf, percentileOf } from './samples.ts';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    sessions: { type: 'string', default: '100' },
    db: { type: 'string', default: 'both' },
    conversations: { type: 'string', default: String(DEFAULT_DEMO_CONVERSATIONS) },
    web: { type: 'string', default: '1' },
  },
});
const SECONDS = positive('seconds', flags.seconds);
const SESSIONS = positive('sessions', flags.sessions);
const CONVERSATIONS = positive('conversations', flags.conversations);
const WEB_INSTANCES = positive('web', flags.web);
/** The sessions' source addresses: 127.0.0.10 onwards, all of 127/8 is loopback. */
const FIRST_SESSION_ADDRESS = 10;
if (SESSIONS > 244) throw new Error('--sessions: at most 244 (one loopback address each)');
const IDLE_REQUESTS = 20;
/** How often the server's resident set is read during the load. */
const MEMORY_SAMPLE_MS = 250;
/** How many sessions sign in at once: each sign-in hashes a password, which is slow on purpose. */
const SIGN_IN_CONCURRENCY = 4;

const DATABASES = {
  pg: {
    label: 'PostgreSQL',
    targetP95Ms: 300,
    webInstances: WEB_INSTANCES,
    around: <T>(work: (env: NodeJS.ProcessEnv) => Promise<T>) =>
      withServerDatabase('rapport_bench_load', (url) => work({ DATABASE_URL: url })),
  },
  pglite: {
    label: 'PGlite',
    targetP95Ms: 1000,
    // The embedded database belongs to one process.
    webInstances: 1,
    around: <T>(work: (env: NodeJS.ProcessEnv) => Promise<T>) =>
      withPgliteDirectory('rapport-bench-load', (dir) => work({ DATABASE_URL: '', RAPPORT_DATA_DIR: dir })),
  },
} as const;
type DatabaseName = keyof typeof DATABASES;

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number ≥ 1, not ${value}`);
  return n;
}

function databaseNames(value: string): DatabaseName[] {
  if (value === 'both') return ['pg', 'pglite'];
  if (value === 'pg' || value === 'pglite') return [value];
  throw new Error(`--db: expected pg, pglite or both, not ${value}`);
}

interface Figures {
  label: string;
  targetP95Ms: number;
  seconds: number;
  sessions: number;
  latencies: number[];
  errors: number;
  firstErrors: string[];
  byProcedure: Map<string, number[]>;
  bytesByProcedure: Map<string, number[]>;
  peakRssBytes: number;
  hwmBytes: number;
  idleCachedMs: number;
  /** Read cache lookups during the load, summed over the web instances (`/metrics`). */
  cacheLookups: { hit: number; miss: number };
  idleComputedMs: number;
  /** Each other read of a supervisor's, computed on the idle server. */
  idleComputedByProcedure: Map<string, number>;
}

async function main() {
  const results: Figures[] = [];
  for (const name of databaseNames(flags.db)) {
    const database = DATABASES[name];
    console.log(`\n${database.label}: loading ${CONVERSATIONS} demo conversations…`);
    const figures = await database.around((env) => measure(database, env));
    results.push(figures);
    print(figures);
  }
  console.log(`\nsummary (${SESSIONS} sessions, ${SECONDS} s, ${CONVERSATIONS} conversations):`);
  for (const figures of results) console.log(`  ${summaryLine(figures)}`);
}

async function measure(
  database: (typeof DATABASES)[DatabaseName],
  databaseEnv: NodeJS.ProcessEnv,
): Promise<Figures> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...databaseEnv, RAPPORT_DEMO: String(CONVERSATIONS), PORT: String(port) };
  const server = await startServer(env);
  // More web instances (RAPPORT_ROLE=web) on the same database, once the first has loaded the demo.
  const others: { server: ChildProcess; base: string }[] = [];
  let load: Omit<Figures, 'idleComputedMs' | 'idleComputedByProcedure'>;
  try {
    for (let i = 1; i < database.webInstances; i += 1) {
      const otherPort = await freePort();
      const started = await startServer(
        { ...env, PORT: String(otherPort), RAPPORT_ROLE: 'web' },
        'Rapport is serving',
      );
      others.push({ server: started, base: `http://127.0.0.1:${otherPort}` });
    }
    const idleClient = new Client(base, 2);
    const hr = await idleClient.signIn('hr@rapport.demo');
    const supervisorAccount = demoAccountList().find((a) => a.role === 'supervisor');
    if (!supervisorAccount) throw new Error('the demo has no supervisor');
    const supervisor = await idleClient.signIn(supervisorAccount.email);
    const idleCachedMs = await idleOverview(idleClient, supervisor);
    console.log(`  team overview on the idle server: median ${idleCachedMs.toFixed(1)} ms (read cache on)`);
    console.log(`  signing in ${SESSIONS} sessions…`);
    const sessions = await signInSessions([base, ...others.map((o) => o.base)], hr);
    console.log(
      `  ${SESSIONS} sessions reading for ${SECONDS} s${others.length ? `, spread over ${others.length + 1} web instances` : ''}…`,
    );
    const bases = [base, ...others.map((o) => o.base)];
    const lookupsBefore = await cacheLookups(bases);
    const memory = sampleMemory([server, ...others.map((o) => o.server)]);
    const run = await runLoad(sessions);
    const peakRssBytes = memory.stop();
    const lookupsAfter = await cacheLookups(bases);
    load = {
      label: others.length ? `${database.label}, ${others.length + 1} web instances` : database.label,
      targetP95Ms: database.targetP95Ms,
      seconds: SECONDS,
      sessions: SESSIONS,
      ...run,
      peakRssBytes,
      hwmBytes: [server, ...others.map((o) => o.server)].reduce((sum, s) => sum + statusBytes(s, 'VmHWM'), 0),
      idleCachedMs,
      cacheLookups: {
        hit: lookupsAfter.hit - lookupsBefore.hit,
        miss: lookupsAfter.miss - lookupsBefore.miss,
      },
    };
  } finally {
    for (const other of others) await stopServer(other.server);
    await stopServer(server);
  }
  // The same database again, with the read cache off: what one overview costs the server to compute.
  console.log('  restarting with the read cache off…');
  const uncached = await startServer({ ...env, RAPPORT_READ_CACHE_ENTRIES: '0' }, 'Rapport is serving');
  try {
    const client = new Client(base, 3);
    const supervisorAccount = demoAccountList().find((a) => a.role === 'supervisor') as DemoAccount;
    const cookie = await client.signIn(supervisorAccount.email);
    const idleComputedMs = await idleOverview(client, cookie);
    console.log(
      `  team overview on the idle server: median ${idleComputedMs.toFixed(1)} ms (read cache off)`,
    );
    return { ...load, idleComputedMs, idleComputedByProcedure: await idleReads(client, cookie) };
  } finally {
    await stopServer(uncached);
  }
}

/** The read cache's hits and misses so far, summed over the instances (their `/metrics`, on loopback). */
async function cacheLookups(bases: string[]): Promise<{ hit: number; miss: number }> {
  const total = { hit: 0, miss: 0 };
  for (const base of bases) {
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const result of ['hit', 'miss'] as const) {
      const line = new RegExp(`^rapport_read_cache_lookups_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(
        text,
      );
      total[result] += Number(line?.[1] ?? 0);
    }
  }
  return total;
}

/** The median of IDLE_REQUESTS team overviews, one after another, as the supervisor's page asks. */
async function idleOverview(client: Client, cookie: string): Promise<number> {
  return idleMedian(client, cookie, 'teams.overview', () => ({}));
}

/** The median time of IDLE_REQUESTS calls of `procedure`, one after another, the i-th with `input(i)`. */
async function idleMedian(
  client: Client,
  cookie: string,
  procedure: string,
  input: (i: number) => unknown,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < IDLE_REQUESTS; i += 1) {
    const answer = await client.query(procedure, input(i), cookie, false);
    if (!answer.ok) throw new Error(`${procedure} on the idle server: ${answer.problem}`);
    times.push(answer.ms);
  }
  return medianOf(times);
}

/**
 * Each of a supervisor's reads computed on the idle server (read cache off): the median of
 * IDLE_REQUESTS, over the agents and conversations of the supervisor's team in turn.
 */
async function idleReads(client: Client, cookie: string): Promise<Map<string, number>> {
  const overview = await client.query('teams.overview', {}, cookie);
  const list = await client.query('conversations.search', { limit: 25, offset: 0 }, cookie);
  if (!overview.ok || !list.ok) throw new Error("the supervisor's overview or conversation list failed");
  const agentIds = agentIdsOf(overview.data);
  const conversationIds = (list.data as { rows: { id: string }[] }).rows.map((r) => r.id);
  const inputs: [string, (i: number) => unknown][] = [
    ['agents.scorecard', (i) => ({ agentId: agentIds[i % agentIds.length] })],
    ['agents.opportunities', (i) => ({ agentId: agentIds[i % agentIds.length] })],
    ['conversations.search', () => ({ limit: 25, offset: 0 })],
    ['conversations.byId', (i) => ({ id: conversationIds[i % conversationIds.length] })],
  ];
  const medians = new Map<string, number>();
  for (const [procedure, input] of inputs) {
    medians.set(procedure, await idleMedian(client, cookie, procedure, input));
  }
  return medians;
}

interface Session {
  account: DemoAccount;
  client: Client;
  cookie: string;
  /** The agents whose scorecards this session opens, in turn. */
  agentIds: string[];
  /** Where the session is in its agents and conversations. */
  turn: number;
}

/** The role of the i-th session: of every ten, one HR, three supervisors and six agents. */
function roleOf(i: number): DemoAccount['role'] {
  const place = i % 10;
  return place === 0 ? 'hr' : place <= 3 ? 'supervisor' : 'agent';
}

/** Session i goes to instance i mod n, as a proxy that spreads connections evenly would send it. */
async function signInSessions(bases: string[], hrCookie: string): Promise<Session[]> {
  const accounts = demoAccountList();
  const byRole = (role: DemoAccount['role']) => accounts.filter((a) => a.role === role);
  const pools = { hr: byRole('hr'), supervisor: byRole('supervisor'), agent: byRole('agent') } as const;
  const used = { hr: 0, supervisor: 0, agent: 0 };
  // An account signs in from one address at most LOGIN_LIMITS.perPair times in a window: its sessions
  // take a new address every so many, as people at several desks would.
  const sessionsOf = new Map<string, number>();
  const addressOf = new Map<string, number>();
  let nextAddress = FIRST_SESSION_ADDRESS;
  const plan = Array.from({ length: SESSIONS }, (_, i) => {
    const base = bases[i % bases.length] as string;
    const role = roleOf(i) as keyof typeof pools;
    const pool = pools[role];
    const account = pool[used[role] % pool.length] as DemoAccount;
    used[role] += 1;
    const nth = sessionsOf.get(account.email) ?? 0;
    sessionsOf.set(account.email, nth + 1);
    const desk = `${account.email} ${Math.floor(nth / LOGIN_LIMITS.perPair)}`;
    if (!addressOf.has(desk)) addressOf.set(desk, nextAddress++);
    return { account, base, address: addressOf.get(desk) as number };
  });
  // Every agent of the organisation, which HR's overview lists; a supervisor's own overview lists theirs.
  const lister = new Client(bases[0] as string, 2);
  const everyone = await lister.query('teams.overview', {}, hrCookie);
  if (!everyone.ok) throw new Error(`teams.overview for HR: ${everyone.problem}`);
  const allAgents = agentIdsOf(everyone.data);
  const sessions: Session[] = [];
  for (let at = 0; at < plan.length; at += SIGN_IN_CONCURRENCY) {
    const batch = plan.slice(at, at + SIGN_IN_CONCURRENCY);
    sessions.push(
      ...(await Promise.all(
        batch.map(async ({ account, base, address }) => {
          const client = new Client(base, address);
          const cookie = await client.signIn(account.email);
          return { account, client, cookie, agentIds: await agentsFor(client, cookie, allAgents), turn: 0 };
        }),
      )),
    );
  }
  return sessions;
}

async function agentsFor(client: Client, cookie: string, allAgents: string[]): Promise<string[]> {
  const me = await client.query('auth.me', undefined, cookie);
  if (!me.ok) throw new Error(`auth.me: ${me.problem}`);
  const { role, agentId } = me.data as { role: string; agentId: string | null };
  if (role === 'agent') return agentId ? [agentId] : [];
  if (role === 'hr') return allAgents;
  const own = await client.query('teams.overview', {}, cookie);
  if (!own.ok) throw new Error(`teams.overview: ${own.problem}`);
  return agentIdsOf(own.data);
}

function agentIdsOf(overview: unknown): string[] {
  return (overview as { agents: { agentId: string }[] }).agents.map((a) => a.agentId);
}

interface LoadRun {
  latencies: number[];
  errors: number;
  firstErrors: string[];
  byProcedure: Map<string, number[]>;
  /** Response body sizes by procedure. */
  bytesByProcedure: Map<string, number[]>;
}

async function runLoad(sessions: Session[]): Promise<LoadRun> {
  const run: LoadRun = {
    latencies: [],
    errors: 0,
    firstErrors: [],
    byProcedure: new Map(),
    bytesByProcedure: new Map(),
  };
  const until = performance.now() + SECONDS * 1000;
  const record = (procedure: string, answer: Answer) => {
    run.latencies.push(answer.ms);
    append(run.byProcedure, procedure, answer.ms);
    append(run.bytesByProcedure, procedure, answer.bytes);
    if (!answer.ok) {
      run.errors += 1;
      if (run.firstErrors.length < 5) run.firstErrors.push(`${procedure}: ${answer.problem}`);
    }
  };
  const read: Read = async (session, procedure, input, readData = false) => {
    if (performance.now() >= until) return null;
    const answer = await session.client.query(procedure, input, session.cookie, readData);
    record(procedure, answer);
    return answer;
  };
  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() < until) await readPages(session, read);
    }),
  );
  return run;
}

function append(lists: Map<string, number[]>, key: string, value: number): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

type Read = (
  session: Session,
  procedure: string,
  input: unknown,
  readData?: boolean,
) => Promise<Answer | null>;

/** One round of the pages a session's role reads, with the web app's inputs. */
async function readPages(session: Session, read: Read): Promise<void> {
  const { role } = session.account;
  const turn = session.turn;
  session.turn += 1;
  if (role === 'supervisor' || role === 'hr') await read(session, 'teams.overview', {});
  const agentId = session.agentIds[turn % Math.max(1, session.agentIds.length)];
  if (agentId) {
    await read(session, 'agents.scorecard', { agentId });
    await read(session, 'agents.opportunities', { agentId });
  }
  if (role === 'hr') return;
  const list = await read(session, 'conversations.search', { limit: 25, offset: 0 }, true);
  const rows = list?.ok ? (list.data as { rows: { id: string }[] }).rows : [];
  const conversation = rows[turn % Math.max(1, rows.length)];
  if (conversation) await read(session, 'conversations.byId', { id: conversation.id });
}

/** `bytes`: the response body's length, what the server serialised and sent. */
type Answer =
  | { ok: true; ms: number; bytes: number; data: unknown }
  | { ok: false; ms: number; bytes: number; problem: string };

/**
 * tRPC over HTTP as the web app calls it (GET for queries, JSON POST from the server's own origin),
 * on a kept-alive connection from one loopback address.
 */
class Client {
  private readonly agent: http.Agent;

  constructor(
    private readonly base: string,
    addressOctet: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${addressOctet}` });
  }

  async signIn(email: string): Promise<string> {
    const body = JSON.stringify({ email, password: DEMO_PASSWORD });
    const response = await this.request('POST', '/trpc/auth.login', {
      body,
      headers: { 'content-type': 'application/json', origin: this.base },
    });
    if (response.status !== 200)
      throw new Error(`signing in as ${email}: HTTP ${response.status} ${response.text}`);
    const session = response.cookies
      .map((c) => c.split(';')[0] as string)
      .find((c) => c.startsWith('rapport_session='));
    if (!session) throw new Error(`signing in as ${email} set no session cookie`);
    return session;
  }

  /**
   * A tRPC error always comes with a status other than 200, so an answer whose data is not needed is
   * not parsed: this process shares the machine's cores with the server it measures.
   */
  async query(procedure: string, input: unknown, cookie: string, readData = true): Promise<Answer> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const started = performance.now();
    try {
      const response = await this.request('GET', `/trpc/${procedure}${query}`, { headers: { cookie } });
      const ms = performance.now() - started;
      const bytes = Buffer.byteLength(response.text);
      if (response.status === 200 && !readData) return { ok: true, ms, bytes, data: null };
      const body = JSON.parse(response.text) as { result?: { data: unknown }; error?: { message: string } };
      if (response.status !== 200 || !body.result) {
        return { ok: false, ms, bytes, problem: `HTTP ${response.status} ${body.error?.message ?? ''}` };
      }
      return { ok: true, ms, bytes, data: body.result.data };
    } catch (error) {
      return { ok: false, ms: performance.now() - started, bytes: 0, problem: String(error) };
    }
  }

  private request(
    method: string,
    pathAndQuery: string,
    options: { body?: string; headers: Record<string, string> },
  ): Promise<{ status: number; text: string; cookies: string[] }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${this.base}${pathAndQuery}`,
        { method, agent: this.agent, headers: options.headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              cookies: response.headers['set-cookie'] ?? [],
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
  }
}

/** A field of /proc/PID/status in bytes (Linux reports kB). */
function statusBytes(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kb === undefined) throw new Error(`/proc/${child.pid}/status has no ${field}`);
  return Number(kb) * 1024;
}

/** The peak of the servers' resident sets together. */
function sampleMemory(children: ChildProcess[]): { stop(): number } {
  const resident = () => children.reduce((sum, child) => sum + statusBytes(child, 'VmRSS'), 0);
  let peak = resident();
  const timer = setInterval(() => {
    peak = Math.max(peak, resident());
  }, MEMORY_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, resident());
    },
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function latencyLine(values: number[]): string {
  return `p50 ${ms(percentileOf(values, 0.5))}, p95 ${ms(percentileOf(values, 0.95))}, p99 ${ms(percentileOf(values, 0.99))}`;
}

function print(f: Figures) {
  console.log(`  ${f.label}, ${f.sessions} sessions, ${f.seconds} s:`);
  console.log(
    `    requests/s ${(f.latencies.length / f.seconds).toFixed(0)} (${f.latencies.length} requests)`,
  );
  console.log(`    latency    ${latencyLine(f.latencies)}`);
  console.log(`    errors     ${f.errors}${f.firstErrors.length ? `: ${f.firstErrors.join('; ')}` : ''}`);
  console.log(
    `    memory     ${mib(f.peakRssBytes)} peak resident during the load, ${mib(f.hwmBytes)} VmHWM since start`,
  );
  const lookups = f.cacheLookups.hit + f.cacheLookups.miss;
  console.log(
    `    read cache ${f.cacheLookups.hit} hits, ${f.cacheLookups.miss} misses (${((100 * f.cacheLookups.hit) / Math.max(1, lookups)).toFixed(1)} % hits)`,
  );
  console.log(
    `    overview   ${ms(f.idleCachedMs)} idle, cached; ${ms(f.idleComputedMs)} idle, computed (median of ${IDLE_REQUESTS})`,
  );
  for (const [procedure, times] of f.byProcedure) {
    const alone = f.idleComputedByProcedure.get(procedure);
    const kib = medianOf(f.bytesByProcedure.get(procedure) ?? [0]) / 1024;
    console.log(
      `    ${procedure.padEnd(22)} n ${String(times.length).padStart(6)}, ${latencyLine(times)}, ${kib.toFixed(1)} KiB${alone === undefined ? '' : `; alone, computed ${ms(alone)}`}`,
    );
  }
}

function summaryLine(f: Figures): string {
  const p95 = percentileOf(f.latencies, 0.95);
  const meets = f.errors === 0 && p95 <= f.targetP95Ms;
  return [
    `${f.label}: ${(f.latencies.length / f.seconds).toFixed(0)} requests/s`,
    latencyLine(f.latencies),
    `${f.errors} errors`,
    `peak ${mib(f.peakRssBytes)}`,
    `overview alone ${ms(f.idleComputedMs)} computed / ${ms(f.idleCachedMs)} cached`,
    `${meets ? 'meets' : 'misses'} the target (0 errors, p95 ≤ ${f.targetP95Ms} ms)`,
  ].join('; ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
