import type { ReactNode } from 'react';

/** What tRPC puts on a failed call: the typed code decides between "not allowed", "not found" and a fault. */
export function errorCode(error: unknown): string | undefined {
  return (error as { data?: { code?: string } | null } | null)?.data?.code ?? undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/**
 * A failed query as a person reads it: refused access says so plainly (with the server's reason), a
 * missing item says it is not there, anything else offers to try again.
 */
export function QueryError({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const code = errorCode(error);
  if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') return <NotAllowed reason={errorMessage(error)} />;
  if (code === 'NOT_FOUND')
    return (
      <div className="card state-card" role="alert">
        <h2>Not found</h2>
        <p>{errorMessage(error)}</p>
      </div>
    );
  return (
    <div className="card state-card error" role="alert">
      <p>
        Could not load {what}: {errorMessage(error)}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function NotAllowed({ reason }: { reason: string }) {
  return (
    <div className="card state-card not-allowed" role="alert">
      <h2>Not allowed</h2>
      <p>{reason}</p>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
