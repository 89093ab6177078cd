import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { teamScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { searchScope } from '../conversations/search.service.ts';
import type { Database } from '../db/database.ts';
import type { Role } from '../users/role.ts';
import type { ViewKind } from './saved-views.repository.ts';

/**
 * Who saves and opens views of each kind: those who may open its page. Conversation search is not
 * HR's (no transcripts); agents search only their own conversations and keep no views, as they keep
 * no overview views.
 */
export const VIEW_ROLES: Record<ViewKind, readonly Role[]> = {
  overview: ['supervisor', 'hr', 'admin'],
  search: ['supervisor', 'admin'],
};

/** Every role that may use some kind of view; each procedure then checks the kind asked for. */
export const ANY_VIEW_ROLES: Role[] = [...new Set(Object.values(VIEW_ROLES).flat())];

export function assertMayUseViews(viewer: SessionUser, kind: ViewKind): void {
  const roles = VIEW_ROLES[kind];
  if (!roles.includes(viewer.role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Saved ${kind} views need the ${roles.join(' or ')} role.`,
    });
  }
}

/**
 * A view's state held to the scope of the page it opens, with that page's refusal: a supervisor's
 * overview of another team, or search of another team or of an agent not theirs, is refused.
 */
export async function assertViewInScope(
  db: Kysely<Database>,
  viewer: SessionUser,
  view: { kind: ViewKind; state: unknown },
): Promise<void> {
  const state = (view.state ?? {}) as { teamId?: string; agentId?: string };
  if (view.kind === 'overview') teamScope(viewer, state.teamId);
  else await searchScope(db, viewer, { teamId: state.teamId, agentId: state.agentId });
}

/**
 * Whether a view opens for the viewer: a shared view whose page would refuse them is not offered, so
 * that no link leads them to a refusal.
 */
export async function viewOpensFor(
  db: Kysely<Database>,
  viewer: SessionUser,
  view: { kind: ViewKind; state: unknown },
): Promise<boolean> {
  try {
    await assertViewInScope(db, viewer, view);
    return true;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND'))
      return false;
    throw error;
  }
}
