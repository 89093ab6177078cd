/**
 * How `copyRows` (copy.ts) reaches PGlite: its `COPY … FROM STDIN` statement, recognised here, is run
 * with the rows as a blob read from `/dev/blob`.
 */
import type { PGlite } from '@electric-sql/pglite';

const COPY_FROM_STDIN = /^COPY [^;]+ FROM STDIN$/;

/** The COPY text of a statement `copyRows` made, or null for any other statement. */
export function copyText(statement: unknown, parameters: unknown): string | null {
  if (typeof statement !== 'string' || !COPY_FROM_STDIN.test(statement)) return null;
  if (!Array.isArray(parameters) || parameters.length !== 1 || typeof parameters[0] !== 'string') return null;
  return parameters[0];
}

/**
 * The PGlite instance as Kysely's dialect sees it: `copyRows`'s statements are read from a blob,
 * every other query goes to the instance unchanged.
 */
export function pgliteWithCopy(pglite: PGlite): PGlite {
  const query: PGlite['query'] = (statement, parameters, options) => {
    const text = copyText(statement, parameters);
    if (text === null) return pglite.query(statement, parameters, options);
    return pglite.query(statement.replace(/STDIN$/, "'/dev/blob'"), [], {
      ...options,
      blob: new Blob([text]),
    });
  };
  return new Proxy(pglite, {
    get: (target, property) => {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target);
      // PGlite's methods use private fields: they must run on the instance, not on this proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
