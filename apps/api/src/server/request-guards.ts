import type http from 'node:http';
import { formatBytes } from '@rapport/metrics';

/**
 * Headers on every response (the web app, its assets, /trpc, /uploads, /exports). The web app is one
 * origin's own scripts and styles: no inline script or style sheet, no plugin, no framing
 * (clickjacking), no referrer leaking ids in URLs. React and recharts set styles through the DOM
 * (`element.style`), which style-src does not govern, so no 'unsafe-inline' is needed; the browser
 * test in tests/e2e/team-overview.test.ts checks that the app reports no violation.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export function setSecurityHeaders(res: http.ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * Whether a state-changing request comes from a page of this server. SameSite=Strict cookies stop other
 * sites, but another port or subdomain of the same host is the "same site" and gets the cookie: a form
 * there once made a signed-in admin upload a forged conversation. Browsers send `Origin` with every
 * POST; where it is missing, `Sec-Fetch-Site` and then `Referer` decide. A request with none of them
 * is not from a browser (curl, scripts, tests) and cannot carry a victim's cookie by itself.
 *
 * The server's own origin is the Host it was reached at; behind a proxy that rewrites Host, list the
 * public origin in RAPPORT_ALLOWED_ORIGINS.
 */
export function isSameOriginRequest(req: http.IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const host = req.headers.host;
  const own = host ? [`http://${host}`, `https://${host}`] : [];
  const accepted = (origin: string) => own.includes(origin) || allowedOrigins.includes(origin);
  const origin = req.headers.origin;
  if (origin !== undefined) return accepted(origin);
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const referer = req.headers.referer;
  if (referer !== undefined) return accepted(originOf(referer));
  return true;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/** The most calls one tRPC batch may carry: the web app's busiest page sends fewer. */
export const MAX_BATCH_CALLS = 10;

/** The largest `/trpc` request body: far above any form the app sends, far below harm. */
export const TRPC_BODY_LIMIT_BYTES = 1024 * 1024;

/** Procedures that must be alone in their request, so that each attempt costs one request. */
const NEVER_BATCHED = new Set(['auth.login']);

/** Why a `/trpc/…` request is refused before tRPC reads it, or null. */
export function trpcRequestProblem(
  req: http.IncomingMessage,
  allowedOrigins: readonly string[],
): { status: number; message: string } | null {
  const url = new URL(req.url ?? '/', 'http://local');
  const procedures = decodeURIComponent(url.pathname.slice('/trpc/'.length)).split(',');
  if (procedures.length > MAX_BATCH_CALLS) {
    return { status: 400, message: `A batch may hold at most ${MAX_BATCH_CALLS} calls.` };
  }
  if (procedures.length > 1 && procedures.some((p) => NEVER_BATCHED.has(p))) {
    return { status: 400, message: 'Sign in with a request of its own, not in a batch.' };
  }
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  if (!isSameOriginRequest(req, allowedOrigins)) {
    return { status: 403, message: 'This request came from another site or port; it was refused.' };
  }
  // A page elsewhere can send a form (urlencoded, multipart, text/plain) without asking first; only
  // JSON, which needs a CORS preflight that this server never grants, is taken.
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { status: 415, message: 'The API takes JSON only (content-type: application/json).' };
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > TRPC_BODY_LIMIT_BYTES) return { status: 413, message: tooLargeMessage() };
  return null;
}

export function tooLargeMessage(): string {
  return `The request is larger than ${formatBytes(TRPC_BODY_LIMIT_BYTES)}; nothing was done.`;
}

/** A refusal in tRPC's error shape, so that the web app shows its message like any other. */
export function refuseTrpc(res: http.ServerResponse, problem: { status: number; message: string }): void {
  res.writeHead(problem.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({
      error: {
        message: problem.message,
        code: -32600,
        data: { code: STATUS_CODES[problem.status] ?? 'BAD_REQUEST', httpStatus: problem.status },
      },
    }),
  );
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  403: 'FORBIDDEN',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};
