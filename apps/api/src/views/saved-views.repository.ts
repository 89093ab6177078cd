import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/** The pages a view opens: the team overview and conversation search. */
export const VIEW_KINDS = ['overview', 'search'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export interface SavedView {
  id: number;
  kind: ViewKind;
  name: string;
  shared: boolean;
  state: unknown;
  ownerId: number;
  ownerEmail: string;
  updatedAt: string;
}

/** At most this many views per person: a list anyone can still read. */
export const MAX_VIEWS_PER_OWNER = 100;

export class DuplicateViewNameError extends Error {
  constructor(name: string) {
    super(`You already have a view named "${name}"; choose another name.`);
  }
}

export class TooManyViewsError extends Error {
  constructor() {
    super(`You have ${MAX_VIEWS_PER_OWNER} saved views, the most one person may keep; delete one first.`);
  }
}

function base(db: Kysely<Database>, organisationId: string) {
  return (
    db
      .selectFrom('saved_views as v')
      .innerJoin('users as u', (join) =>
        join.onRef('u.organisation_id', '=', 'v.organisation_id').onRef('u.id', '=', 'v.owner_id'),
      )
      .select(['v.id', 'v.kind', 'v.name', 'v.shared', 'v.state', 'v.owner_id', 'u.email', 'v.updated_at'])
      .where('v.organisation_id', '=', organisationId)
      // A removed user's views go with their access.
      .where('u.removed_at', 'is', null)
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toView(row: Row): SavedView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    shared: row.shared,
    state: row.state,
    ownerId: row.owner_id,
    ownerEmail: row.email,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The viewer's own views of one kind and those others shared, own first, each by name. */
export async function listViews(
  db: Kysely<Database>,
  organisationId: string,
  viewerId: number,
  kind: ViewKind,
): Promise<SavedView[]> {
  const rows = await base(db, organisationId)
    .where('v.kind', '=', kind)
    .where((eb) => eb.or([eb('v.owner_id', '=', viewerId), eb('v.shared', '=', true)]))
    .orderBy(sql`v.owner_id = ${viewerId}`, 'desc')
    .orderBy(sql`lower(v.name)`)
    .orderBy('v.id')
    .execute();
  return rows.map(toView);
}

/**
 * One view of the kind asked for that the viewer owns or that is shared; null otherwise (as if it did
 * not exist), so that one page never opens another's view.
 */
export async function viewById(
  db: Kysely<Database>,
  organisationId: string,
  viewerId: number,
  kind: ViewKind,
  id: number,
): Promise<SavedView | null> {
  const row = await base(db, organisationId)
    .where('v.id', '=', id)
    .where('v.kind', '=', kind)
    .where((eb) => eb.or([eb('v.owner_id', '=', viewerId), eb('v.shared', '=', true)]))
    .executeTakeFirst();
  return row ? toView(row) : null;
}

/**
 * Creates a view, or replaces one of the same kind the owner has (by id). One statement each, under
 * the unique name index, so a clash leaves nothing written; null when `id` is not the owner's view of
 * that kind (a view never changes kind: its state is checked as its kind's).
 */
export async function saveView(
  db: Kysely<Database>,
  organisationId: string,
  ownerId: number,
  view: { id?: number | undefined; kind: ViewKind; name: string; shared: boolean; state: unknown },
): Promise<{ id: number } | null> {
  try {
    if (view.id !== undefined) {
      const row = await db
        .updateTable('saved_views')
        .set({
          name: view.name,
          shared: view.shared,
          state: JSON.stringify(view.state),
          updated_at: new Date(),
        })
        .where('organisation_id', '=', organisationId)
        .where('owner_id', '=', ownerId)
        .where('kind', '=', view.kind)
        .where('id', '=', view.id)
        .returning('id')
        .executeTakeFirst();
      return row ?? null;
    }
    return await db.transaction().execute(async (trx) => {
      const { count } = await trx
        .selectFrom('saved_views')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('organisation_id', '=', organisationId)
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_VIEWS_PER_OWNER) throw new TooManyViewsError();
      return trx
        .insertInto('saved_views')
        .values({
          organisation_id: organisationId,
          owner_id: ownerId,
          kind: view.kind,
          name: view.name,
          shared: view.shared,
          state: JSON.stringify(view.state),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new DuplicateViewNameError(view.name);
    throw error;
  }
}

/** Deletes a view its owner (or, with `anyOwner`, an admin) names; false when there was none to delete. */
export async function removeView(
  db: Kysely<Database>,
  organisationId: string,
  viewer: { id: number; anyOwner: boolean },
  id: number,
): Promise<boolean> {
  let query = db.deleteFrom('saved_views').where('organisation_id', '=', organisationId).where('id', '=', id);
  if (!viewer.anyOwner) query = query.where('owner_id', '=', viewer.id);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
