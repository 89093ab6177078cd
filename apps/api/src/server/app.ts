import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../auth/cookies.ts';
import { userForSession } from '../auth/sessions.repository.ts';
import { type Context, createContextInner } from '../context.ts';
import { appRouter } from '../root.ts';
import { exportRoute } from './export-route.ts';
import {
  isSameOriginRequest,
  refuseTrpc,
  setSecurityHeaders,
  TRPC_BODY_LIMIT_BYTES,
  trpcRequestProblem,
} from './request-guards.ts';
import { DEFAULT_UPLOAD_LIMIT_BYTES, isUploadRequest, uploadRoute } from './upload-route.ts';

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
}

/** One port for everything: `/trpc/*` is the API, every other path the single-page app. */
export function createApp(options: AppOptions): http.Server {
  const { webRoot, uploadLimitBytes, allowedOrigins = [], demo = false, staleAfterMs, ...context } = options;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // Checked again while reading: a chunked body declares no length (see request-guards.ts).
    maxBodySize: TRPC_BODY_LIMIT_BYTES,
    createContext: async ({ req, res }) => {
      const token = readCookie(req, SESSION_COOKIE);
      const user = token ? await userForSession(context.db, token) : null;
      return createContextInner({
        ...context,
        demo,
        user,
        session: {
          address: req.socket.remoteAddress ?? 'unknown',
          token,
          setToken: (next, maxAgeSeconds) =>
            res.appendHeader('set-cookie', sessionCookie(req, next, maxAgeSeconds)),
        },
      });
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
    },
  });
  const hasWeb = webRoot !== undefined && fs.existsSync(path.join(webRoot, 'index.html'));
  const web = hasWeb ? sirv(webRoot, { single: true, etag: true, gzip: true }) : undefined;
  // Log files streamed in by admins; see upload-route.ts.
  const uploads = uploadRoute(context.db, {
    limitBytes: uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES,
    ...(staleAfterMs ? { staleAfterMs } : {}),
  });
  // File downloads (CSV, PDF) that a JSON API cannot serve; see export-route.ts.
  const downloads = exportRoute(context.db);

  return http.createServer((req, res) => {
    setSecurityHeaders(res);
    if (req.url?.startsWith('/trpc/')) {
      const problem = trpcRequestProblem(req, allowedOrigins);
      return problem ? refuseTrpc(res, problem) : trpc(req, res);
    }
    if (isUploadRequest(req)) {
      // The body is the file, of any type; the origin alone tells a forged upload (request-guards.ts).
      if (!isSameOriginRequest(req, allowedOrigins)) {
        res.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return res.end(
          JSON.stringify({ error: 'This upload came from another site or port; it was refused.' }),
        );
      }
      return uploads(req, res);
    }
    if (req.url?.startsWith('/exports/')) return downloads(req, res);
    if (web) return web(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('The web app is not built: run pnpm start.');
  });
}
