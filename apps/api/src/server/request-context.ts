import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { type Logger, log as processLog } from '../observability/log.ts';

/** What every part of the server knows of the request it answers. */
export interface RequestContext {
  requestId: string;
  /** The process's log with `requestId` on every line. */
  log: Logger;
}

/**
 * A proxy's `X-Request-Id` is kept, so that its access log and ours name the same request; anything
 * that is not a short token (it ends up in logs and headers) is replaced by a fresh id.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

const contexts = new WeakMap<http.IncomingMessage, RequestContext>();

/** Gives the request its id (answered in `X-Request-Id`) and its log; called first for every request. */
export function bindRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  log: Logger = processLog,
): RequestContext {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  const context = { requestId, log: log.child({ requestId }) };
  contexts.set(req, context);
  res.setHeader('x-request-id', requestId);
  return context;
}

/** The request's context; a request that was never bound (a test calling a route alone) gets a fresh one. */
export function requestContextOf(req: http.IncomingMessage): RequestContext {
  const bound = contexts.get(req);
  if (bound) return bound;
  const requestId = randomUUID();
  return { requestId, log: processLog.child({ requestId }) };
}
