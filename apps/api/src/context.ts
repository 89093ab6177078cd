import type { Kysely } from 'kysely';
import type { SessionUser } from './auth/session-user.ts';
import type { Database } from './db/database.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { type Logger, log } from './observability/log.ts';
import { dataVersion } from './read-cache/data-versions.repository.ts';
import type { ReadCache } from './read-cache/read-cache.ts';

/** Session plumbing the auth router needs; outside HTTP (tests, scripts) it is inert. */
export interface SessionIO {
  /** The caller's network address, for sign-in rate limits. */
  address: string;
  token: string | null;
  setToken(token: string | null, maxAgeSeconds: number): void;
}

export interface Context {
  db: Kysely<Database>;
  organisationId: string;
  user: SessionUser | null;
  session: SessionIO;
  /** Demo data still loading on first start: reads answer with what is there, the UI says so. */
  loading: () => { done: number; total: number } | null;
  /** The queue of long jobs (recompute); null where none runs (scripts, most tests). */
  jobs: JobQueue | null;
  /** Demo mode (env.ts demoMode); off unless the server says so. */
  demo: boolean;
  /** The HTTP request's id (`X-Request-Id`), passed on to the jobs it queues; null outside HTTP. */
  requestId: string | null;
  /** The process's log, bound to the request's id over HTTP. */
  log: Logger;
  /** Results of the dashboard's reads (read-cache/cached-read.ts); null: every read is computed. */
  readCache: ReadCache | null;
  /**
   * The organisation's data version, read once per request on first use: the reads of one batched
   * request (a scorecard's six trends) share one query, and all see the data as of that moment.
   */
  dataVersion: () => Promise<string>;
}

/** Built by the HTTP server per request and by tests directly, against a real database. */
export function createContextInner(
  input: Partial<Context> & {
    db: Kysely<Database>;
    /** The data version as read with the caller's session (sessionOf), at the request's start. */
    sessionDataVersion?: string | undefined;
  },
): Context {
  const { sessionDataVersion, ...given } = input;
  const user = given.user ?? null;
  const organisationId = given.organisationId ?? user?.organisationId ?? 'default';
  let version: Promise<string> | null =
    sessionDataVersion === undefined ? null : Promise.resolve(sessionDataVersion);
  return {
    organisationId,
    loading: () => null,
    jobs: null,
    demo: false,
    requestId: null,
    log,
    readCache: null,
    session: { address: 'local', token: null, setToken: () => {} },
    dataVersion: () => {
      version ??= dataVersion(given.db, organisationId);
      return version;
    },
    ...given,
    user,
  };
}
