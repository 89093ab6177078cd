import { TRPCError } from '@trpc/server';

/**
 * Runs a scope check so that a refusal reads exactly as the record not existing (same code, same
 * message): otherwise a 403 for someone else's id and a 404 for an unknown one tell a caller which ids
 * exist. Refusals by role alone (HR and transcripts, agents and team lists) do not depend on the id and
 * stay FORBIDDEN.
 */
export function hiddenUnlessAllowed(check: () => void, notFound: () => TRPCError): void {
  try {
    check();
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'FORBIDDEN') throw notFound();
    throw error;
  }
}

export function notFound(message: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message });
}
