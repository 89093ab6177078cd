import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { registry } from '../observability/metrics.ts';

export function isMetricsRequest(req: http.IncomingMessage): boolean {
  return /^\/metrics(\?|$)/.test(req.url ?? '');
}

export type MetricsAccess = 'allowed' | 'needs token' | 'not from here';

/**
 * Who may read `/metrics`: its numbers (procedure names, request rates, memory) help an attacker time
 * and aim, so not everyone. With METRICS_TOKEN set, only a request carrying it as a bearer token;
 * without, only a request from this machine (loopback), such as a Prometheus agent beside the process.
 */
export function metricsAccess(
  request: { address: string | undefined; authorization: string | undefined },
  token: string | undefined,
): MetricsAccess {
  if (token !== undefined) {
    const given = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
    return given !== undefined && sameSecret(given, token) ? 'allowed' : 'needs token';
  }
  return isLoopback(request.address) ? 'allowed' : 'not from here';
}

/** Compared as hashes, in constant time: neither the length nor a prefix of the token leaks. */
function sameSecret(given: string, token: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** `GET /metrics`: the Prometheus text format, for the readers metricsAccess allows. */
export function metricsRoute(token: string | undefined) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const access = metricsAccess(
      { address: req.socket.remoteAddress, authorization: req.headers.authorization },
      token,
    );
    if (access === 'needs token') {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' });
      return void res.end('/metrics needs the METRICS_TOKEN as a bearer token.\n');
    }
    if (access === 'not from here') {
      res.writeHead(403, { 'content-type': 'text/plain' });
      return void res.end(
        '/metrics answers only this machine; set METRICS_TOKEN to read it from elsewhere.\n',
      );
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}
