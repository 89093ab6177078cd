/**
 * Both drivers must hand back the same JavaScript values: counts as numbers, dates as 'YYYY-MM-DD'.
 * These are the types whose parsers differ from the drivers' defaults, by PostgreSQL type oid.
 */
export const INT8 = 20;
export const NUMERIC = 1700;
export const DATE = 1082;

/** PGlite's `parsers` option: the same values as the pg pool's (connect.ts). */
export const PGLITE_PARSERS = {
  [INT8]: Number,
  [NUMERIC]: Number,
  [DATE]: (value: string) => value,
};
