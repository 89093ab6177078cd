import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NotificationKind } from './events.ts';

export interface Preference {
  inApp: boolean;
  email: boolean;
}

/** Until a user chooses, every kind they can get comes both in the app and by email. */
export const DEFAULT_PREFERENCE: Preference = { inApp: true, email: true };

/** Each user's choice for one kind, the default where they made none. */
export async function preferencesOf(
  db: Kysely<Database>,
  organisationId: string,
  userIds: readonly number[],
  kind: NotificationKind,
): Promise<Map<number, Preference>> {
  const chosen = new Map<number, Preference>(userIds.map((id) => [id, DEFAULT_PREFERENCE]));
  if (userIds.length === 0) return chosen;
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'in_app', 'email'])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('user_id', 'in', userIds)
    .execute();
  for (const row of rows) chosen.set(row.user_id, { inApp: row.in_app, email: row.email });
  return chosen;
}

/** One user's choices for the given kinds, the default where they made none. */
export async function userPreferences(
  db: Kysely<Database>,
  organisationId: string,
  userId: number,
  kinds: readonly NotificationKind[],
): Promise<Map<NotificationKind, Preference>> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'in_app', 'email'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
  const stored = new Map(rows.map((r) => [r.kind, { inApp: r.in_app, email: r.email }]));
  return new Map(kinds.map((kind) => [kind, stored.get(kind) ?? DEFAULT_PREFERENCE]));
}

/** Saves the given choices together (one statement: all or none). */
export async function savePreferences(
  db: Kysely<Database>,
  organisationId: string,
  userId: number,
  choices: readonly ({ kind: NotificationKind } & Preference)[],
): Promise<void> {
  if (choices.length === 0) return;
  await db
    .insertInto('notification_preferences')
    .values(
      choices.map((c) => ({
        organisation_id: organisationId,
        user_id: userId,
        kind: c.kind,
        in_app: c.inApp,
        email: c.email,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'user_id', 'kind']).doUpdateSet((eb) => ({
        in_app: eb.ref('excluded.in_app'),
        email: eb.ref('excluded.email'),
      })),
    )
    .execute();
}
