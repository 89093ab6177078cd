/**
 * Read results kept in this process, least recently used first out. Entries are found by a key that
 * names everything a result depends on (cached-read.ts builds it), so an entry is never updated or
 * invalidated: a write raises the data version, and the keys with the old version are simply never
 * asked for again and age out.
 *
 * Concurrent requests for a key that is being computed wait for that one computation instead of
 * starting their own: a hundred people opening the overview after an ingest cost one overview.
 */
export class ReadCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new Error('a read cache holds at least one entry');
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether a result is stored (or being computed) under `key`. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The result stored under `key`, or what `compute` answers, stored unless it fails. */
  through<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      // Map keeps insertion order: moving the key to the end makes the first key the least recent.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found as Promise<T>;
    }
    const computed = compute();
    this.entries.set(key, computed);
    // A failure is not kept: the next request tries again (and the error reaches this caller).
    computed.catch(() => {
      if (this.entries.get(key) === computed) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return computed;
  }
}
