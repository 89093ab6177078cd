import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { describeIssues } from '../input-issues.ts';

/**
 * An input parser whose BAD_REQUEST reads as a sentence an admin can act on
 * ("weights.csat: Too big: expected number to be <=10") instead of zod's JSON list of issues.
 */
export function validInput<T extends z.ZodType>(schema: T): (raw: unknown) => z.output<T> {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new TRPCError({ code: 'BAD_REQUEST', message: explainIssues(parsed.error), cause: parsed.error });
  };
}

export function explainIssues(error: z.ZodError): string {
  return describeIssues(error.issues);
}
