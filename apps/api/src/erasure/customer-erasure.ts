import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { lockConversations } from '../ingest/write-locks.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { removeTranscripts } from '../retention/retention.repository.ts';
import { redact, redactionTerms } from './redact.ts';

export class UnknownCustomerError extends Error {
  constructor(customerId: string) {
    super(`No customer with id "${customerId}" in this organisation: nothing was erased.`);
  }
}

/** What an erasure did, as the admin, the CLI and the audit log see it. */
export interface ErasureReceipt {
  /** sha256 of `organisation:customer id`: names the request in the audit log without keeping the id. */
  customerHash: string;
  reference: string | null;
  conversations: number;
  turns: number;
  evidence: number;
  events: number;
  surveys: number;
  disputes: number;
  coachingNotes: number;
}

export interface ErasureActor {
  id: number | null;
  email: string;
  organisationId: string;
}

export function customerHash(organisationId: string, customerId: string): string {
  return createHash('sha256').update(`${organisationId}:${customerId}`).digest('hex');
}

/**
 * Erases one customer (DESIGN.md's `customer.id`) from everything the organisation stores, in one
 * transaction with its audit entry: the turns, evidence, events and surveys of their conversations,
 * their id and name on those conversations, their customer row, the quoted words of disputes about
 * those conversations, and their id and name in dispute and coaching notes. The conversations stay,
 * anonymous, with their metric facts, so that agents' scorecards and the rollups are unchanged; they
 * say that their transcript was removed by erasure. Exports are written on request and never kept or
 * queued, and job payloads carry no customer data, so there is nothing else to erase.
 */
export async function eraseCustomer(
  db: Kysely<Database>,
  actor: ErasureActor,
  customerId: string,
  reference: string | null = null,
): Promise<ErasureReceipt> {
  const org = actor.organisationId;
  return db.transaction().execute(async (trx) => {
    const conversations = await trx
      .selectFrom('conversations')
      .select(['id', 'customer_name'])
      .where('organisation_id', '=', org)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
    const customer = await trx
      .selectFrom('customers')
      .select('name')
      .where('organisation_id', '=', org)
      .where('id', '=', customerId)
      .executeTakeFirst();
    if (!customer && conversations.length === 0) throw new UnknownCustomerError(customerId);
    const ids = conversations.map((c) => c.id);
    const names = [customer?.name, ...conversations.map((c) => c.customer_name)].filter(
      (n): n is string => typeof n === 'string' && n.trim() !== '',
    );

    let removed = { conversations: 0, turns: 0, evidence: 0, surveyComments: 0 };
    let events = 0;
    let surveys = 0;
    if (ids.length > 0) {
      await lockConversations(trx, org, ids);
      removed = await removeTranscripts(trx, org, ids, 'erasure');
      events = Number(
        (
          await trx
            .deleteFrom('events')
            .where('organisation_id', '=', org)
            .where('conversation_id', 'in', ids)
            .executeTakeFirst()
        ).numDeletedRows,
      );
      // The score stays in the facts; the survey row is the customer's answer.
      surveys = Number(
        (
          await trx
            .deleteFrom('surveys')
            .where('organisation_id', '=', org)
            .where('conversation_id', 'in', ids)
            .executeTakeFirst()
        ).numDeletedRows,
      );
      await trx
        .updateTable('conversations')
        .set({ customer_id: null, customer_name: null })
        .where('organisation_id', '=', org)
        .where('id', 'in', ids)
        .execute();
    }
    const disputes = await redactDisputes(
      trx,
      org,
      ids,
      redactionTerms(customerId, names, { nameParts: true }),
    );
    const coachingNotes = await redactCoachingNotes(
      trx,
      org,
      redactionTerms(customerId, names, { nameParts: false }),
    );
    await trx
      .deleteFrom('customers')
      .where('organisation_id', '=', org)
      .where('id', '=', customerId)
      .execute();

    const receipt: ErasureReceipt = {
      customerHash: customerHash(org, customerId),
      reference,
      conversations: ids.length,
      turns: removed.turns,
      evidence: removed.evidence,
      events,
      surveys,
      disputes,
      coachingNotes,
    };
    await writeAudit(trx, actor, 'customer.erase', { ...receipt });
    await bumpDataVersion(trx, org);
    return receipt;
  });
}

/**
 * Disputes about the customer's conversations keep their decision but lose the quoted words (the
 * evidence text, from the transcript) and any mention of the customer in their notes.
 */
async function redactDisputes(
  trx: Kysely<Database>,
  org: string,
  conversationIds: readonly string[],
  terms: readonly string[],
): Promise<number> {
  if (conversationIds.length === 0) return 0;
  const rows = await trx
    .selectFrom('disputes')
    .select(['id', 'comment', 'decision_note'])
    .where('organisation_id', '=', org)
    .where('conversation_id', 'in', conversationIds)
    .execute();
  for (const row of rows) {
    await trx
      .updateTable('disputes')
      .set({
        text: '',
        comment: redact(row.comment, terms),
        decision_note: row.decision_note === null ? null : redact(row.decision_note, terms),
      })
      .where('organisation_id', '=', org)
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}

/** Coaching notes are not tied to conversations: the customer's id and full name are taken out wherever they appear. */
async function redactCoachingNotes(
  trx: Kysely<Database>,
  org: string,
  terms: readonly string[],
): Promise<number> {
  const patterns = terms.map((t) => `%${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const rows = await trx
    .selectFrom('coaching_sessions')
    .select(['id', 'note'])
    .where('organisation_id', '=', org)
    .where(sql<boolean>`note ILIKE ANY(${patterns}::text[])`)
    .execute();
  let changed = 0;
  for (const row of rows) {
    const note = redact(row.note, terms);
    if (note === row.note) continue;
    await trx
      .updateTable('coaching_sessions')
      .set({ note })
      .where('organisation_id', '=', org)
      .where('id', '=', row.id)
      .execute();
    changed += 1;
  }
  return changed;
}
