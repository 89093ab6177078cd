import type { Kysely } from 'kysely';
import type { Database } from './db/database.ts';

export interface Context {
  db: Kysely<Database>;
  organisationId: string;
  /** Demo data still loading on first start: reads answer with what is there, the UI says so. */
  loading: () => { done: number; total: number } | null;
}

/** Built by the HTTP server per request and by tests directly, against a real database. */
export function createContextInner(input: Partial<Context> & { db: Kysely<Database> }): Context {
  return { organisationId: 'default', loading: () => null, ...input };
}
