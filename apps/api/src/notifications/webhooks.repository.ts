import type { Kysely } from 'kysely';
import type { Database, DeliveryState } from '../db/database.ts';

/** An organisation's webhook as admins see it: never the secret, only that there is one. */
export interface WebhookView {
  url: string | null;
  enabled: boolean;
  secretSet: boolean;
  updatedAt: string | null;
  recent: {
    id: string;
    eventId: string;
    kind: string;
    state: DeliveryState;
    attempts: number;
    lastError: string | null;
    createdAt: string;
    finishedAt: string | null;
  }[];
}

export async function webhookOf(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('organisation_webhooks')
    .select(['url', 'secret', 'enabled', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function webhookView(db: Kysely<Database>, organisationId: string): Promise<WebhookView> {
  const hook = await webhookOf(db, organisationId);
  const recent = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', (j) =>
      j.onRef('e.organisation_id', '=', 'd.organisation_id').onRef('e.id', '=', 'd.event_id'),
    )
    .select([
      'd.id',
      'd.event_id',
      'e.kind',
      'd.state',
      'd.attempts',
      'd.last_error',
      'd.created_at',
      'd.finished_at',
    ])
    .where('d.organisation_id', '=', organisationId)
    .where('d.channel', '=', 'webhook')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(20)
    .execute();
  return {
    url: hook?.url ?? null,
    enabled: hook?.enabled ?? false,
    secretSet: hook !== undefined,
    updatedAt: hook ? new Date(hook.updated_at).toISOString() : null,
    recent: recent.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      kind: r.kind,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    })),
  };
}

/** Sets the URL and switch; the secret only when one is given (the stored one is kept otherwise). */
export async function saveWebhook(
  db: Kysely<Database>,
  organisationId: string,
  hook: { url: string; enabled: boolean; secret: string | undefined; updatedBy: number },
): Promise<void> {
  const values = { url: hook.url, enabled: hook.enabled, updated_by: hook.updatedBy, updated_at: new Date() };
  if (hook.secret === undefined) {
    await db
      .updateTable('organisation_webhooks')
      .set(values)
      .where('organisation_id', '=', organisationId)
      .execute();
    return;
  }
  await db
    .insertInto('organisation_webhooks')
    .values({ organisation_id: organisationId, secret: hook.secret, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ secret: hook.secret, ...values }))
    .execute();
}
