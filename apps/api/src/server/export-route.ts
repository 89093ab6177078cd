import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Kysely } from 'kysely';
import { readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import { userForSession } from '../auth/sessions.repository.ts';
import type { Database } from '../db/database.ts';
import { auditExport, authorizeExport } from '../exports/export-access.ts';
import {
  EXPORT_KINDS,
  ExportKind,
  ExportRequest,
  exportContentType,
  exportFileName,
  exportRequestFromUrl,
} from '../exports/export-request.ts';
import { openExport } from '../exports/open-export.ts';
import { requestContextOf } from './request-context.ts';

/**
 * `GET /exports/<kind>?from=&to=&team=&agent=`: the file download that tRPC (JSON only) cannot serve.
 * Same session cookie, same access rule (authorizeExport) and the audit entry before the first byte.
 */
export function exportRoute(db: Kysely<Database>) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        return fail(res, 405, 'Exports are downloaded with GET.');
      }
      const token = readCookie(req, SESSION_COOKIE);
      const user = token ? await userForSession(db, token) : null;
      if (!user) return fail(res, 401, 'Sign in to continue.');

      const request = exportRequestFromUrl(new URL(req.url ?? '/', 'http://local'));
      if (!ExportKind.safeParse(request.kind).success) {
        return fail(res, 404, `No export "${request.kind}"; there are ${EXPORT_KINDS.join(', ')}.`);
      }
      const parsed = ExportRequest.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return fail(res, 400, `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
      }
      const scope = await authorizeExport(db, user, parsed.data);
      await auditExport(db, user, scope, 'http');
      const file = await openExport(db, scope);
      res.writeHead(200, {
        'content-type': exportContentType(scope.kind),
        'content-disposition': `attachment; filename="${exportFileName(scope)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      await pipeline(file, res);
    } catch (error) {
      if (error instanceof TRPCError) return fail(res, getHTTPStatusCodeFromError(error), error.message);
      if (isClientGone(error)) return;
      requestContextOf(req).log.error({ err: error }, `export ${(req.url ?? '?').split('?')[0]} failed`);
      // Once the file has started, the client can only learn of the failure by a cut-off download.
      if (res.headersSent) res.destroy();
      else fail(res, 500, 'Something went wrong on the server; the error has been logged.');
    }
  };
}

function fail(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: message }));
}

/** The browser cancelled the download: nothing to report. */
function isClientGone(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}
