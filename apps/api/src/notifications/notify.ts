import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  describeEvent,
  KINDS_FOR_ROLE,
  type NotificationEvent,
  type NotificationKind,
  RESOLVED_BY,
  subjectKey,
} from './events.ts';
import { preferencesOf } from './preferences.repository.ts';
import { agentName, recipientsOf } from './recipients.repository.ts';

export interface Notified {
  /** null when this kind and subject were notified before: nothing was sent again. */
  eventId: string | null;
  inApp: number;
  emails: number;
  webhook: boolean;
}

/**
 * The one entry point for telling people something. In one transaction (the caller's, when it passes
 * one, so that the event commits with the change that caused it): the event is stored once, each
 * recipient gets an in-app row and an email as their preferences say, the organisation's webhook gets
 * a call, and reminders the event settles are marked read. Emails and webhook calls are only written
 * to the outbox here; the job queue sends them (jobs/job-queue.ts), with retries.
 */
export async function notify(
  db: Kysely<Database>,
  organisationId: string,
  event: NotificationEvent,
): Promise<Notified> {
  const work = async (trx: Kysely<Database>): Promise<Notified> => {
    const recipients = (await recipientsOf(trx, organisationId, event)).filter((r) =>
      KINDS_FOR_ROLE[r.role].includes(event.kind),
    );
    const name = 'agentId' in event ? await agentName(trx, organisationId, event.agentId) : null;
    const text = describeEvent(event, name);
    const subject = subjectKey(event);
    const eventId = randomUUID();
    const stored = await trx
      .insertInto('notification_events')
      .values({
        organisation_id: organisationId,
        id: eventId,
        kind: event.kind,
        subject_key: subject,
        data: JSON.stringify(event),
        title: text.title,
        body: text.body,
        link: text.link,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'subject_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!stored) return { eventId: null, inApp: 0, emails: 0, webhook: false };

    const preferences = await preferencesOf(
      trx,
      organisationId,
      recipients.map((r) => r.userId),
      event.kind,
    );
    const wanted = recipients
      .map((r) => ({ userId: r.userId, ...preferences.get(r.userId) }))
      .filter((r) => r.inApp || r.email);
    if (wanted.length > 0) {
      await trx
        .insertInto('notifications')
        .values(
          wanted.map((r) => ({
            organisation_id: organisationId,
            event_id: eventId,
            user_id: r.userId,
            kind: event.kind,
            subject_key: subject,
            in_app: r.inApp ?? true,
          })),
        )
        .execute();
    }
    const emails = wanted.filter((r) => r.email);
    const webhook = await trx
      .selectFrom('organisation_webhooks')
      .select('organisation_id')
      .where('organisation_id', '=', organisationId)
      .where('enabled', '=', true)
      .executeTakeFirst();
    const deliveries = [
      ...emails.map((r) => ({ channel: 'email' as const, user_id: r.userId })),
      ...(webhook ? [{ channel: 'webhook' as const, user_id: null }] : []),
    ];
    if (deliveries.length > 0) {
      await trx
        .insertInto('notification_deliveries')
        .values(
          deliveries.map((d) => ({
            organisation_id: organisationId,
            id: randomUUID(),
            event_id: eventId,
            ...d,
          })),
        )
        .execute();
    }
    const settles = RESOLVED_BY[event.kind];
    if (settles) await settle(trx, organisationId, settles, subject);
    return {
      eventId,
      inApp: wanted.filter((r) => r.inApp ?? true).length,
      emails: emails.length,
      webhook: webhook !== undefined,
    };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * The thing a reminder was about is done (a session acknowledged, a dispute decided): the reminder is
 * read for everyone who got it, so the badge counts only what still waits.
 */
export async function settle(
  db: Kysely<Database>,
  organisationId: string,
  kind: NotificationKind,
  subject: string,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('subject_key', '=', subject)
    .where('read_at', 'is', null)
    .execute();
}
