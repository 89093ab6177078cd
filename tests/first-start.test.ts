import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { type RunningServer, startServer } from './support/server.ts';

const DEMO = 1000;
let server: RunningServer | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-first-start-'));
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Health {
  result: { data: { ok: boolean; loading: { done: number; total: number } | null } };
}

const health = async (url: string): Promise<Health['result']['data']> =>
  ((await (await fetch(`${url}/trpc/health.check`)).json()) as Health).result.data;

test('a first start on an empty embedded database answers while the demo loads, and health says how far it is', async () => {
  server = await startServer(
    { RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '', RAPPORT_DEMO: String(DEMO) },
    /serving at/,
  );
  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
  // Not ready until the demo is in: opening the database, starting the jobs, then loading.
  const ready = await fetch(`${server.url}/health/ready`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: 'starting' });

  const first = await health(server.url);
  expect(first.ok).toBe(true);
  expect(first.loading).toMatchObject({ total: DEMO });
  expect(first.loading?.done).toBeLessThan(DEMO);

  const seen: number[] = [];
  for (;;) {
    const now = await health(server.url);
    if (now.loading === null) break;
    seen.push(now.loading.done);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Progress only moves forward, and the server ends by saying the demo is loaded.
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(server.output()).toContain(`Demo data loaded: ${DEMO} conversations`);
  expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
});
