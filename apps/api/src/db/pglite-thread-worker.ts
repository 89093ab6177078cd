import { parentPort, workerData } from 'node:worker_threads';
import { pgliteWithCopy } from './pglite-copy.ts';
import { createPglite } from './pglite-template.ts';
import type { ThreadReply, ThreadRequest } from './pglite-thread.ts';
import { PGLITE_PARSERS } from './type-parsers.ts';

/**
 * The embedded database's own thread (pglite-thread.ts): it opens the data directory and answers the
 * server's statements in the order they arrive; PGlite runs one at a time.
 */
const { dataDir, templateFile } = workerData as { dataDir: string; templateFile: string | null };
const port = parentPort;
if (!port) throw new Error('pglite-thread-worker runs as a worker thread');

const pglite = pgliteWithCopy(await createPglite(dataDir, { parsers: PGLITE_PARSERS }, templateFile));

async function answer(request: ThreadRequest): Promise<ThreadReply['result']> {
  switch (request.op) {
    case 'query': {
      const { rows, affectedRows } = await pglite.query(request.sql, request.parameters);
      return { rows, affectedRows };
    }
    case 'exec':
      return (await pglite.exec(request.sql)).map(({ rows, affectedRows }) => ({ rows, affectedRows }));
    case 'inTransaction':
      return pglite.isInTransaction();
    case 'close':
      await pglite.close();
      return null;
  }
}

port.on('message', (request: ThreadRequest) => {
  answer(request).then(
    (result) => port.postMessage({ id: request.id, result } satisfies ThreadReply),
    (error: unknown) =>
      port.postMessage({ id: request.id, error: describeError(error) } satisfies ThreadReply),
  );
});
port.postMessage({ id: 0, result: 'ready' } satisfies ThreadReply);

/** An error's message and its database fields (code, detail, constraint…): what callers look at. */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'object') continue;
    fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message };
}
