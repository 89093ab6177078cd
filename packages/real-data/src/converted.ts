import { describeIssues, type ParseResult, parseConversation } from '@rapport/api/ingest/record.ts';
import type { z } from 'zod';

/**
 * One converted conversation of a public data set: where it came from in the set (a file name, or
 * a file and an index) and the validated record, or the reason it could not become one.
 */
export interface Converted {
  source: string;
  result: ParseResult;
}

/**
 * Checks a dataset item against the shape its converter expects, then converts it and validates the
 * result against the interaction log format. A surprise in the data becomes a rejection that names
 * the field, never an exception.
 */
export function convertWith<T>(
  schema: z.ZodType<T>,
  input: unknown,
  convert: (item: T) => unknown,
): ParseResult {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: `unexpected input: ${describeIssues(parsed.error, input)}` };
  try {
    return parseConversation(convert(parsed.data));
  } catch (error) {
    return {
      ok: false,
      error: `could not convert: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}
