/**
 * Lets the event loop run its I/O between two batches. Long work here is a chain of promises that
 * resolve at once (PGlite answers in the same thread, the engine is synchronous), and such a chain
 * never reaches the poll phase: without this, no request is even read until the whole import or
 * recompute is done. One macrotask per batch costs nothing measurable.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
