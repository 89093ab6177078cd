import { Worker } from 'node:worker_threads';

/** What the app asks of the embedded database: Kysely's dialect, pg-boss's executor and close. */
export interface EmbeddedDatabase {
  query<T = Record<string, unknown>>(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows: T[]; affectedRows?: number | undefined }>;
  /** Several statements in one text, without parameters (pg-boss's migrations and maintenance). */
  exec(sql: string): Promise<{ rows: Record<string, unknown>[]; affectedRows?: number | undefined }[]>;
  isInTransaction(): boolean | Promise<boolean>;
  close(): Promise<void>;
}

type Operation =
  | { op: 'query'; sql: string; parameters: unknown[] | undefined }
  | { op: 'exec'; sql: string }
  | { op: 'inTransaction' }
  | { op: 'close' };

export type ThreadRequest = { id: number } & Operation;

export type ThreadReply =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; error: Record<string, unknown>; result?: undefined };

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * PGlite in a worker thread of its own (pglite-thread-worker.ts), for the server: PGlite runs every
 * statement on the thread that calls it, so in the server's own thread each query held up every
 * other request, HTTP and JSON included, for as long as it ran. Here the database runs beside the
 * event loop, which only waits for its answers, as it does for PostgreSQL. Statements are answered
 * in the order they are sent, which keeps Kysely's one-connection transactions whole.
 *
 * A database error comes back as an Error with the same message and fields (`code`, `detail`,
 * `constraint`…), which is what callers inspect.
 */
export async function startPgliteThread(
  dataDir: string,
  templateFile: string | null,
): Promise<EmbeddedDatabase> {
  const worker = new Worker(new URL('./pglite-thread-worker.mjs', import.meta.url), {
    workerData: { dataDir, templateFile },
  });
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let stopped: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: ThreadReply) => {
    const found = waiting.get(reply.id);
    if (!found) return;
    waiting.delete(reply.id);
    if (reply.error) found.reject(asError(reply.error));
    else found.resolve(reply.result);
  });
  const failAll = (error: Error) => {
    stopped ??= error;
    for (const found of waiting.values()) found.reject(error);
    waiting.clear();
  };
  worker.on('error', (error) => failAll(new Error(`the embedded database stopped: ${error.message}`)));
  worker.on('exit', (code) => failAll(new Error(`the embedded database's thread exited (code ${code})`)));
  await ready;

  function ask<T>(request: Operation): Promise<T> {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  }

  return {
    query: (sql, parameters) => ask({ op: 'query', sql, parameters }),
    exec: (sql) => ask({ op: 'exec', sql }),
    isInTransaction: () => ask<boolean>({ op: 'inTransaction' }),
    async close() {
      if (stopped) return;
      await ask({ op: 'close' });
      stopped = new Error('the embedded database is closed');
      await worker.terminate();
    },
  };
}

function asError(fields: Record<string, unknown>): Error {
  const { message, name, ...rest } = fields;
  const error = Object.assign(new Error(String(message)), rest);
  if (typeof name === 'string') error.name = name;
  return error;
}
