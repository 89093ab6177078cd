import { type Kysely, sql } from 'kysely';
import type { Database, DeliveryState } from '../db/database.ts';
import type { Mailer } from './mailer.ts';
import { SIGNATURE_HEADER, signBody } from './webhook-signature.ts';
import { webhookOf } from './webhooks.repository.ts';

/**
 * Emails and webhook calls leave the outbox (notification_deliveries) in two steps: the relay sends
 * each pending row to pg-boss as a job whose id is the row's id, then a worker delivers it. pg-boss
 * refuses a second job with the same id, so a relay that runs twice (two servers, a crash between the
 * send and the mark) queues nothing twice. A delivery that fails is retried by pg-boss with back-off;
 * one that succeeded is never sent again, whatever a retry or a second relay does.
 */

export const EMAIL_QUEUE = 'notify-email';
export const WEBHOOK_QUEUE = 'notify-webhook';

export interface DeliveryJob {
  organisationId: string;
  deliveryId: string;
}

export interface DeliveryOptions {
  /** Where links in emails and webhook bodies point; without it they are paths of the app. */
  publicUrl: string | null;
  /** How long a webhook receiver has to answer. */
  webhookTimeoutMs: number;
}

/** Moves up to `limit` pending deliveries into the queue; returns how many it handled. */
export async function relayDeliveries(
  db: Kysely<Database>,
  send: (queue: string, job: DeliveryJob, id: string) => Promise<void>,
  mailer: Mailer | null,
  limit = 100,
): Promise<number> {
  const pending = await db
    .selectFrom('notification_deliveries')
    .select(['organisation_id', 'id', 'channel'])
    .where('state', '=', 'pending')
    .orderBy('created_at')
    .limit(limit)
    .execute();
  for (const row of pending) {
    if (row.channel === 'email' && !mailer) {
      await finish(db, row.organisation_id, row.id, 'skipped', 'Email is off: SMTP_URL is not set.');
      continue;
    }
    const queue = row.channel === 'email' ? EMAIL_QUEUE : WEBHOOK_QUEUE;
    await send(queue, { organisationId: row.organisation_id, deliveryId: row.id }, row.id);
    await db
      .updateTable('notification_deliveries')
      .set({ state: 'queued', queued_at: sql<Date>`now()` })
      .where('organisation_id', '=', row.organisation_id)
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .execute();
  }
  return pending.length;
}

/** One attempt: `last` when pg-boss will not retry after this one. */
export interface Attempt {
  last: boolean;
}

export async function deliverEmail(
  db: Kysely<Database>,
  mailer: Mailer,
  job: DeliveryJob,
  attempt: Attempt,
  options: DeliveryOptions,
): Promise<DeliveryState> {
  const row = await delivery(db, job)
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select(['u.email', 'u.removed_at'])
    .executeTakeFirst();
  if (!row || isFinished(row.state)) return row?.state ?? 'skipped';
  if (row.removed_at)
    return finish(db, job.organisationId, job.deliveryId, 'skipped', 'The user was removed.');
  const link = absolute(row.link, options.publicUrl);
  return attemptDelivery(db, job, attempt, () =>
    mailer.send({
      to: row.email,
      subject: `Rapport: ${row.title}`,
      text: link ? `${row.body}\n\n${link}\n` : `${row.body}\n`,
    }),
  );
}

export async function deliverWebhook(
  db: Kysely<Database>,
  job: DeliveryJob,
  attempt: Attempt,
  options: DeliveryOptions,
): Promise<DeliveryState> {
  const row = await delivery(db, job)
    .select(['e.kind', 'e.subject_key', 'e.data', 'e.created_at'])
    .executeTakeFirst();
  if (!row || isFinished(row.state)) return row?.state ?? 'skipped';
  // The webhook as it is now: a URL changed since the event was stored gets it; a disabled one not.
  const hook = await webhookOf(db, job.organisationId);
  if (!hook?.enabled) return finish(db, job.organisationId, job.deliveryId, 'skipped', 'The webhook is off.');
  const body = JSON.stringify({
    id: row.event_id,
    kind: row.kind,
    organisationId: job.organisationId,
    subject: row.subject_key,
    createdAt: new Date(row.created_at).toISOString(),
    title: row.title,
    body: row.body,
    link: absolute(row.link, options.publicUrl),
    data: row.data,
  });
  return attemptDelivery(db, job, attempt, async () => {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Rapport-Webhook',
        [SIGNATURE_HEADER]: signBody(hook.secret, body),
        'x-rapport-event': row.kind,
        'x-rapport-delivery': row.event_id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.webhookTimeoutMs),
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => {});
    if (!response.ok) throw new Error(`The receiver answered ${response.status}.`);
  });
}

function delivery(db: Kysely<Database>, job: DeliveryJob) {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', (j) =>
      j.onRef('e.organisation_id', '=', 'd.organisation_id').onRef('e.id', '=', 'd.event_id'),
    )
    .select(['d.state', 'd.event_id', 'e.title', 'e.body', 'e.link'])
    .where('d.organisation_id', '=', job.organisationId)
    .where('d.id', '=', job.deliveryId);
}

function isFinished(state: DeliveryState): boolean {
  return state === 'sent' || state === 'skipped' || state === 'failed';
}

/** Runs the send, records the outcome, and rethrows a failure so that pg-boss retries it. */
async function attemptDelivery(
  db: Kysely<Database>,
  job: DeliveryJob,
  attempt: Attempt,
  send: () => Promise<void>,
): Promise<DeliveryState> {
  try {
    await send();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .updateTable('notification_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: message.slice(0, 1_000),
        ...(attempt.last ? { state: 'failed' as const, finished_at: sql<Date>`now()` } : {}),
      }))
      .where('organisation_id', '=', job.organisationId)
      .where('id', '=', job.deliveryId)
      .execute();
    throw error;
  }
  await db
    .updateTable('notification_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      state: 'sent' as const,
      last_error: null,
      finished_at: sql<Date>`now()`,
    }))
    .where('organisation_id', '=', job.organisationId)
    .where('id', '=', job.deliveryId)
    .execute();
  return 'sent';
}

async function finish(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  state: DeliveryState,
  reason: string,
): Promise<DeliveryState> {
  await db
    .updateTable('notification_deliveries')
    .set({ state, last_error: reason, finished_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  return state;
}

function absolute(link: string | null, publicUrl: string | null): string | null {
  if (!link || !publicUrl) return link;
  return new URL(link, publicUrl).toString();
}
