import type http from 'node:http';
import { httpRequestDuration } from '../observability/metrics.ts';
import type { RequestContext } from './request-context.ts';

/** The kinds of route `/metrics` tells apart: bounded, unlike paths. */
export type RouteKind = 'trpc' | 'uploads' | 'exports' | 'health' | 'metrics' | 'web' | 'none';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Probes, scrapes and static files would drown the log at info; they are logged at debug. */
const QUIET: ReadonlySet<RouteKind> = new Set(['health', 'metrics', 'web']);

/**
 * When the answer is sent: its duration in `rapport_http_request_duration_seconds` and one log line
 * with the request's id. The path is logged without its query, which holds tRPC inputs (names, text).
 */
export function observeRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  route: RouteKind,
  context: RequestContext,
): void {
  const started = performance.now();
  res.once('finish', () => {
    const ms = performance.now() - started;
    const method = METHODS.has(req.method ?? '') ? (req.method as string) : 'other';
    const status = res.statusCode;
    httpRequestDuration.observe({ route, method, status: String(status) }, ms / 1000);
    const path = (req.url ?? '/').split('?')[0];
    const level = status >= 500 ? 'error' : QUIET.has(route) ? 'debug' : 'info';
    context.log[level](
      { method, path, status, ms: Math.round(ms) },
      `${method} ${path} ${status} ${Math.round(ms)} ms`,
    );
  });
}
