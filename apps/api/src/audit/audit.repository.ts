import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';

/** Who did what, when: exports, dispute decisions, configuration changes. */
export async function writeAudit(
  db: Kysely<Database>,
  actor:
    | Pick<SessionUser, 'id' | 'email' | 'organisationId'>
    | { id: null; email: string; organisationId: string },
  action: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      organisation_id: actor.organisationId,
      user_id: actor.id,
      actor: actor.email,
      action,
      detail: JSON.stringify(detail),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, organisationId: string, limit = 200) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'actor', 'action', 'detail', 'at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
