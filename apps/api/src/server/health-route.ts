import type http from 'node:http';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/** Why the process cannot serve yet (the demo data still loading…), or null once it can. */
export type StartupState = () => string | null;

const DATABASE_TIMEOUT_MS = 2_000;

export function isHealthRequest(req: http.IncomingMessage): boolean {
  return /^\/health\/(live|ready)(\?|$)/.test(req.url ?? '');
}

/**
 * `GET /health/live`: the process is up and answering; a supervisor restarts it when not.
 * `GET /health/ready`: it is also migrated (before the port opens), done with its start-up work
 * (the first start's demo load) and reaches its database; a load balancer sends it requests only
 * then. 200 `{ status: 'ready' }`, or 503 with the reason. No sign-in: probes carry no session,
 * and neither answer tells more than whether to send traffic.
 */
export function healthRoute(db: Kysely<Database>, starting: StartupState) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answer(res, 405, { status: 'error', reason: 'Use GET.' });
    }
    if (req.url?.startsWith('/health/live')) return answer(res, 200, { status: 'live' });
    const reason = starting();
    if (reason) return answer(res, 503, { status: 'starting', reason });
    const reached = await reachable(db);
    if (reached !== true) return answer(res, 503, { status: 'unavailable', reason: reached });
    answer(res, 200, { status: 'ready' });
  };
}

/** True, or why not: a database that hangs counts as down after two seconds. */
async function reachable(db: Kysely<Database>): Promise<true | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('the database did not answer within 2 s'), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([sql`SELECT 1`.execute(db).then(() => true as const), timeout]);
  } catch {
    return 'the database cannot be reached';
  } finally {
    clearTimeout(timer);
  }
}

function answer(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
