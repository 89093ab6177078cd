import { z } from 'zod';
import { checkPeriod, Day } from '../period.ts';
import { Id } from '../text-input.ts';

/**
 * What HR can export (DESIGN.md, roles and access): every metric per agent as CSV, one row per
 * conversation as CSV, or the review packet as PDF. The kind is also the download path's last segment.
 */
export const EXPORT_KINDS = ['agents.csv', 'conversations.csv', 'review.pdf'] as const;
export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;

/** One export: its kind, an inclusive period in the organisation's time zone, and an optional team or agent. */
export const ExportRequest = z
  .object({
    kind: ExportKind,
    from: Day,
    to: Day,
    teamId: Id.trim().optional(),
    agentId: Id.trim().optional(),
  })
  .superRefine(checkPeriod);
export type ExportRequest = z.infer<typeof ExportRequest>;

/** A request once access has been checked: the team is the one the caller may see. */
export interface ExportScope {
  organisationId: string;
  kind: ExportKind;
  from: string;
  to: string;
  /** Only this team's agents (their current team); undefined for every team. */
  teamId: string | undefined;
  /** Only this agent. */
  agentId: string | undefined;
  /**
   * Whether coaching notes are printed: not for HR, who see that coaching happened, not what was said
   * (as `coaching.list` answers them); decided with the rest of the access check, in authorizeExport.
   */
  coachingNotes: boolean;
}

const CONTENT_TYPES: Record<ExportKind, string> = {
  'agents.csv': 'text/csv; charset=utf-8',
  'conversations.csv': 'text/csv; charset=utf-8',
  'review.pdf': 'application/pdf',
};

export function exportContentType(kind: ExportKind): string {
  return CONTENT_TYPES[kind];
}

/** `rapport-agents-billing-2026-11-01_2026-11-30.csv`: what, for whom, which period; safe in any header. */
export function exportFileName(
  scope: Pick<ExportScope, 'kind' | 'from' | 'to' | 'teamId' | 'agentId'>,
): string {
  const [what, extension] = scope.kind.split('.') as [string, string];
  const whom = (scope.agentId ?? scope.teamId ?? 'all-teams').replace(/[^A-Za-z0-9_-]+/g, '-');
  return `rapport-${what}-${whom}-${scope.from}_${scope.to}.${extension}`;
}

/** The HTTP route that streams the file (server/export-route.ts parses the same parameters back). */
export function exportDownloadUrl(request: ExportRequest): string {
  const query = new URLSearchParams({ from: request.from, to: request.to });
  if (request.teamId) query.set('team', request.teamId);
  if (request.agentId) query.set('agent', request.agentId);
  return `/exports/${request.kind}?${query}`;
}

/** The inverse of exportDownloadUrl: the request an `/exports/<kind>?…` URL names (unvalidated). */
export function exportRequestFromUrl(url: URL): Record<string, string | undefined> {
  return {
    kind: decodeURIComponent(url.pathname.slice('/exports/'.length)),
    from: url.searchParams.get('from') ?? undefined,
    to: url.searchParams.get('to') ?? undefined,
    teamId: url.searchParams.get('team') || undefined,
    agentId: url.searchParams.get('agent') || undefined,
  };
}

/** The CLI's `--format csv|pdf [--kind agents|conversations]` as an export kind. */
export function exportKindOf(format: string | undefined, kind: string | undefined): ExportKind {
  if (format === 'pdf') {
    if (kind !== undefined && kind !== 'review') {
      throw new Error('--format pdf is the review packet; --kind agents|conversations is for --format csv');
    }
    return 'review.pdf';
  }
  if (format === 'csv') {
    const csvKind = kind ?? 'agents';
    if (csvKind !== 'agents' && csvKind !== 'conversations') {
      throw new Error(`--kind expects agents or conversations, got "${csvKind}"`);
    }
    return `${csvKind}.csv`;
  }
  throw new Error(`--format expects csv or pdf${format === undefined ? '' : `, got "${format}"`}`);
}
