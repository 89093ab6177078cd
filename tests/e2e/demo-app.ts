import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { TEST_DATABASE_URL } from '../support/databases.ts';
import { REPO_ROOT, type RunningServer, startServer } from '../support/server.ts';

/** Every demo account shares this password (apps/api/src/demo/users.ts). */
export const DEMO_PASSWORD = 'rapport-demo';
const DEMO_CONVERSATIONS = '3000';
const TEMPLATE_PREFIX = 'rapport_e2e_tpl_';
/** Templates kept on the server, the one being built included. */
const KEPT_TEMPLATES = 4;

export interface DemoApp {
  url: string;
  browser: Browser;
  server: RunningServer;
  stop(): Promise<void>;
}

/**
 * The real server on a fresh PostgreSQL database holding the demo data (3,000 conversations), and a
 * Chromium to drive it. Loading the demo takes most of a minute, so it is loaded once into a template
 * database named after a hash of the code that writes it (API, demo generator and metric sources): each test file then
 * gets its own copy in a second (`CREATE DATABASE … TEMPLATE …`) and its own server process. A change to
 * that code changes the hash, and the next run builds a new template and drops all but the newest few.
 */
export async function startDemoApp(): Promise<DemoApp> {
  const template = await ensureTemplate();
  const name = `rapport_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const drop = () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  let server: RunningServer;
  try {
    // The demo is on (it is by default on loopback): the copy holds data already, so nothing loads,
    // and the sign-in page offers the demo accounts as `pnpm start` does.
    server = await startServer(
      { DATABASE_URL: databaseUrl(name), RAPPORT_DEMO: 'on' },
      /Rapport is serving at/,
    );
  } catch (error) {
    await drop();
    throw error;
  }
  const browser = await launchChromium();
  return {
    url: server.url,
    browser,
    server,
    async stop() {
      await browser.close();
      await server.stop();
      await drop();
    },
  };
}

export async function signIn(
  page: Page,
  url: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The demo accounts as the sign-in page lists them (supervisors and agents get generated names). */
export async function demoAccounts(url: string): Promise<{ email: string; role: string; label: string }[]> {
  const response = await fetch(`${url}/trpc/auth.demoAccounts`);
  const body = (await response.json()) as {
    result: { data: { accounts: { email: string; role: string; label: string }[] } };
  };
  return body.result.data.accounts;
}

async function ensureTemplate(): Promise<string> {
  const template = `${TEMPLATE_PREFIX}${sourceHash()}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    // One builder at a time, across processes; the others wait and then find it built.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [TEMPLATE_PREFIX]);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) await buildTemplate(client, template);
    return template;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [TEMPLATE_PREFIX]).catch(() => {});
    await client.end();
  }
}

async function buildTemplate(client: pg.Client, template: string): Promise<void> {
  // Another checkout of the project may be testing its own sources on the same server: the newest
  // templates (by creation order) are kept for it, only older ones dropped.
  const stale = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%' AND datname NOT LIKE '%building'
     ORDER BY oid DESC OFFSET ${KEPT_TEMPLATES - 1}`,
  );
  for (const { datname } of stale.rows) {
    await client.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
  }
  // Built under a temporary name and renamed when complete, so a run cut short leaves no half template.
  const building = `${template}_building`;
  await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${building}`);
  try {
    const server = await startServer(
      { DATABASE_URL: databaseUrl(building), RAPPORT_DEMO: DEMO_CONVERSATIONS },
      /Demo data loaded/,
      240_000,
    );
    await server.stop();
    await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  } catch (error) {
    await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    throw error;
  }
}

function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Hash of the sources that decide what the demo database holds: the API and the metric engine. */
function sourceHash(): string {
  const hash = createHash('sha256').update(DEMO_CONVERSATIONS);
  for (const root of ['apps/api/src', 'packages/demo/src', 'packages/metrics/src']) {
    for (const file of listFiles(path.join(REPO_ROOT, root))) {
      if (file.endsWith('.test.ts')) continue;
      hash.update(path.relative(REPO_ROOT, file)).update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    });
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Signs in over HTTP and calls tRPC as that user: for what a browser journey needs beforehand (another
 * agent's conversation id, a session to acknowledge), never for what the journey itself checks.
 */
export async function apiAs(url: string, email: string) {
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in as ${email} failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const answer = async <T>(procedure: string, response: Response): Promise<T> => {
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!body.result) throw new Error(`${procedure}: ${body.error?.message ?? response.status}`);
    return body.result.data;
  };
  return {
    query: async <T>(procedure: string, input: unknown = {}): Promise<T> =>
      answer<T>(
        procedure,
        await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers: { cookie },
        }),
      ),
    mutate: async <T>(procedure: string, input: unknown): Promise<T> =>
      answer<T>(
        procedure,
        await fetch(`${url}/trpc/${procedure}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
      ),
  };
}
