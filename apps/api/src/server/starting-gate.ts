import type http from 'node:http';
import { isHealthRequest } from './health-route.ts';
import { setSecurityHeaders } from './request-guards.ts';

/** Requests held while the process starts; past this many, a request is told to come back. */
const MOST_HELD = 1_000;

export interface StartingGate {
  /** The server's one listener, from before the database is open to the end. */
  listener: http.RequestListener;
  /** Hands every held request, and all later ones, to the app. */
  open(app: http.RequestListener): void;
}

/**
 * The port opens before the database does. A first start spends seconds creating the embedded
 * database and migrating it, and a page that cannot be reached meanwhile looks broken. Until `open`,
 * the gate answers what needs no database — the web app's files (`webFiles`), `/health/live`, and
 * `/health/ready` with why it is not ready — and holds every other request (the API, uploads,
 * downloads, metrics), which the app then answers as if it had arrived just now.
 */
export function startingGate(options: {
  /** The built web app's files; null for a worker, which serves none. */
  webFiles: http.RequestListener | null;
  /** What the process is doing, for `/health/ready`: "opening the database…". */
  step: () => string;
}): StartingGate {
  let app: http.RequestListener | null = null;
  let held: [http.IncomingMessage, http.ServerResponse][] = [];

  const listener: http.RequestListener = (req, res) => {
    if (app) return app(req, res);
    if (isHealthRequest(req)) return answerHealth(req, res, options.step());
    if (options.webFiles && isPageRequest(req)) {
      setSecurityHeaders(res);
      return options.webFiles(req, res);
    }
    if (held.length >= MOST_HELD) return answerStarting(res, options.step());
    held.push([req, res]);
  };

  return {
    listener,
    open(next) {
      app = next;
      const waiting = held;
      held = [];
      for (const [req, res] of waiting) if (!res.destroyed) next(req, res);
    },
  };
}

/** A page or one of its files: everything but the API, uploads, downloads and metrics. */
function isPageRequest(req: http.IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  return !/^\/(trpc|uploads|exports|metrics)(\/|\?|$)/.test(req.url ?? '/');
}

function answerHealth(req: http.IncomingMessage, res: http.ServerResponse, step: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return answer(res, 405, { status: 'error', reason: 'Use GET.' });
  if (req.url?.startsWith('/health/live')) return answer(res, 200, { status: 'live' });
  answerStarting(res, step);
}

function answerStarting(res: http.ServerResponse, step: string) {
  res.setHeader('retry-after', '2');
  answer(res, 503, { status: 'starting', reason: step });
}

function answer(res: http.ServerResponse, status: number, body: Record<string, unknown>) {
  setSecurityHeaders(res);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
