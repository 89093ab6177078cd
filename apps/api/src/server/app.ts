import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../auth/cookies.ts';
import { sessionOf } from '../auth/sessions.repository.ts';
import { type Context, createContextInner } from '../context.ts';
import { type Logger, log as processLog } from '../observability/log.ts';
import { appRouter } from '../root.ts';
import { exportRoute } from './export-route.ts';
import { healthRoute, isHealthRequest } from './health-route.ts';
import { isMetricsRequest, metricsRoute } from './metrics-route.ts';
import { observeRequest, type RouteKind } from './observe-request.ts';
import { bindRequest, type RequestContext, requestContextOf } from './request-context.ts';
import {
  isSameOriginRequest,
  refuseTrpc,
  setSecurityHeaders,
  TRPC_BODY_LIMIT_BYTES,
  trpcRequestProblem,
} from './request-guards.ts';
import {
  DEFAULT_UPLOAD_LIMIT_BYTES,
  isUploadRequest,
  type UploadHandOff,
  uploadRoute,
} from './upload-route.ts';

export interface AppOptions {
  db: Context['db'];
  loading?: Context['loading'];
  jobs?: Context['jobs'];
  /** The built web app (apps/web/dist); when absent the server answers the API only. */
  webRoot?: string;
  /** The largest file `POST /uploads` takes (RAPPORT_UPLOAD_LIMIT_BYTES). */
  uploadLimitBytes?: number;
  /** Demo mode (env.ts demoMode): the demo accounts may be listed and signed in with. */
  demo?: boolean;
  /** Origins besides the server's own (its Host) whose pages may send state-changing requests. */
  allowedOrigins?: readonly string[];
  /** Heartbeat age after which a running upload counts as stranded (RAPPORT_STALE_AFTER_MS). */
  staleAfterMs?: number;
  /** Where received uploads are ingested: a worker (RAPPORT_ROLE=web); without, in this process. */
  uploadHandOff?: UploadHandOff;
  /** The bearer token `/metrics` asks for; without, it answers loopback only (metrics-route.ts). */
  metricsToken?: string | undefined;
  /** The process's log (tests pass one that they read). */
  log?: Logger;
  /** Results of the dashboard's reads; without, every read is computed. */
  readCache?: Context['readCache'];
}

/** The routes every process has, the worker's too: health and metrics. */
export interface OpsOptions {
  db: Context['db'];
  loading?: Context['loading'];
  metricsToken?: string | undefined;
  log?: Logger;
}

/** One port for everything: `/trpc/*` is the API, every other path the single-page app. */
export function createApp(options: AppOptions): http.Server {
  return http.createServer(appRequestListener(options));
}

/** The app's requests, for a server of its own (createApp) or one that opened first (starting-gate.ts). */
export function appRequestListener(options: AppOptions): http.RequestListener {
  const {
    webRoot,
    uploadLimitBytes,
    allowedOrigins = [],
    demo = false,
    staleAfterMs,
    uploadHandOff,
    metricsToken,
    log = processLog,
    ...context
  } = options;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // Checked again while reading: a chunked body declares no length (see request-guards.ts).
    maxBodySize: TRPC_BODY_LIMIT_BYTES,
    createContext: async ({ req, res }) => {
      const token = readCookie(req, SESSION_COOKIE);
      const session = token ? await sessionOf(context.db, token) : null;
      const { requestId, log: requestLog } = requestContextOf(req);
      return createContextInner({
        ...context,
        demo,
        user: session?.user ?? null,
        sessionDataVersion: session?.dataVersion,
        requestId,
        log: requestLog,
        session: {
          address: req.socket.remoteAddress ?? 'unknown',
          token,
          setToken: (next, maxAgeSeconds) =>
            res.appendHeader('set-cookie', sessionCookie(req, next, maxAgeSeconds)),
        },
      });
    },
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        (ctx?.log ?? log).error({ err: error.cause ?? error, procedure: path }, `tRPC ${path ?? '?'} failed`);
      }
    },
  });
  const web = webFiles(webRoot);
  // Log files streamed in by admins; see upload-route.ts.
  const uploads = uploadRoute(context.db, {
    limitBytes: uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES,
    ...(staleAfterMs ? { staleAfterMs } : {}),
    ...(uploadHandOff ? { handOff: uploadHandOff } : {}),
  });
  // File downloads (CSV, PDF) that a JSON API cannot serve; see export-route.ts.
  const downloads = exportRoute(context.db);

  const ops = opsRoutes({ db: context.db, loading: context.loading, metricsToken, log });

  return (req, res) => {
    setSecurityHeaders(res);
    const request = bindRequest(req, res, log);
    if (ops.handles(req)) return ops.answer(req, res, request);
    if (req.url?.startsWith('/trpc/')) {
      observeRequest(req, res, 'trpc', request);
      const problem = trpcRequestProblem(req, allowedOrigins);
      return problem ? refuseTrpc(res, problem) : trpc(req, res);
    }
    if (isUploadRequest(req)) {
      observeRequest(req, res, 'uploads', request);
      // The body is the file, of any type; the origin alone tells a forged upload (request-guards.ts).
      if (!isSameOriginRequest(req, allowedOrigins)) {
        res.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return res.end(
          JSON.stringify({ error: 'This upload came from another site or port; it was refused.' }),
        );
      }
      return uploads(req, res);
    }
    if (req.url?.startsWith('/exports/')) {
      observeRequest(req, res, 'exports', request);
      return downloads(req, res);
    }
    observeRequest(req, res, 'web', request);
    web(req, res);
  };
}

/** The built single-page app's files, or a 404 that says how to build them. */
export function webFiles(webRoot: string | undefined): http.RequestListener {
  if (webRoot !== undefined && fs.existsSync(path.join(webRoot, 'index.html'))) {
    return sirv(webRoot, { single: true, etag: true, gzip: true });
  }
  return (_req, res) =>
    res.writeHead(404, { 'content-type': 'text/plain' }).end('The web app is not built: run pnpm start.');
}

/**
 * A worker's HTTP server (RAPPORT_ROLE=worker): health and metrics only, so that an orchestrator can
 * probe it and Prometheus scrape it. It serves no pages and no API.
 */
export function createOpsServer(options: OpsOptions): http.Server {
  return http.createServer(opsRequestListener(options));
}

export function opsRequestListener(options: OpsOptions): http.RequestListener {
  const log = options.log ?? processLog;
  const ops = opsRoutes({ ...options, log });
  return (req, res) => {
    setSecurityHeaders(res);
    const request = bindRequest(req, res, log);
    if (ops.handles(req)) return ops.answer(req, res, request);
    observeRequest(req, res, 'none', request);
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end('This process is a worker (RAPPORT_ROLE=worker): it serves health and metrics only.\n');
  };
}

function opsRoutes(options: OpsOptions & { log: Logger }) {
  const loading = options.loading ?? (() => null);
  const health = healthRoute(options.db, () => {
    const progress = loading();
    return progress ? `loading the demo data: ${progress.done} / ${progress.total} conversations` : null;
  });
  const metrics = metricsRoute(options.metricsToken);
  return {
    handles: (req: http.IncomingMessage) => isHealthRequest(req) || isMetricsRequest(req),
    answer(req: http.IncomingMessage, res: http.ServerResponse, request: RequestContext) {
      const route: RouteKind = isHealthRequest(req) ? 'health' : 'metrics';
      observeRequest(req, res, route, request);
      const handle = route === 'health' ? health : metrics;
      handle(req, res).catch((error: unknown) => {
        request.log.error({ err: error }, `${route} failed`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
  };
}
