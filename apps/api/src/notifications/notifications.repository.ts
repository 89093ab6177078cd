import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NotificationKind } from './events.ts';

/** One notification as its recipient reads it in the app. */
export interface InAppNotification {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

function inApp(db: Kysely<Database>, organisationId: string, userId: number) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', (j) =>
      j.onRef('e.organisation_id', '=', 'n.organisation_id').onRef('e.id', '=', 'n.event_id'),
    )
    .where('n.organisation_id', '=', organisationId)
    .where('n.user_id', '=', userId)
    .where('n.in_app', '=', true);
}

/** Newest first. */
export async function listNotifications(
  db: Kysely<Database>,
  organisationId: string,
  userId: number,
  options: { unreadOnly: boolean; limit: number },
): Promise<InAppNotification[]> {
  let query = inApp(db, organisationId, userId)
    .select(['n.id', 'n.kind', 'e.title', 'e.body', 'e.link', 'n.created_at', 'n.read_at'])
    .orderBy('n.id', 'desc')
    .limit(options.limit);
  if (options.unreadOnly) query = query.where('n.read_at', 'is', null);
  return (await query.execute()).map((row) => ({
    id: row.id,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  }));
}

/** The badge: what awaits the user, unread. */
export async function unreadCount(
  db: Kysely<Database>,
  organisationId: string,
  userId: number,
): Promise<number> {
  const row = await inApp(db, organisationId, userId)
    .where('n.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of these ids are the user's own in-app notifications. */
export async function ownNotificationIds(
  db: Kysely<Database>,
  organisationId: string,
  userId: number,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('notifications')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('in_app', '=', true)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Marks the user's notifications read (the given ones, or all); returns how many were unread. */
export async function markRead(
  db: Kysely<Database>,
  organisationId: string,
  userId: number,
  ids: readonly number[] | 'all',
): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    query = query.where('id', 'in', ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
