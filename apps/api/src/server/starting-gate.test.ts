import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { webFiles } from './app.ts';
import { startingGate } from './starting-gate.ts';

/** Before the database is open, the port answers pages and health, and holds the API until the app takes over. */
describe('the starting gate', () => {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-gate-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<div id="root"></div>');
  let step = 'opening the embedded database';
  const gate = startingGate({ webFiles: webFiles(webRoot), step: () => step });
  const server = http.createServer(gate.listener);
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  test('pages, liveness and readiness are answered at once; the API waits and is then answered by the app', async () => {
    const page = await fetch(`${url}/team`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<div id="root"></div>');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'starting', reason: 'opening the embedded database' });
    step = 'starting the job queue';
    expect(await (await fetch(`${url}/health/ready`)).json()).toMatchObject({
      reason: 'starting the job queue',
    });

    let answered = false;
    const call = fetch(`${url}/trpc/health.check`, { method: 'POST', body: '{"n":1}' }).then(async (r) => {
      answered = true;
      return { status: r.status, body: await r.text() };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);

    // The app reads the held request's body as if the request had just arrived.
    gate.open((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => res.writeHead(200).end(`app: ${req.method} ${req.url} ${body}`));
    });
    expect(await call).toEqual({ status: 200, body: 'app: POST /trpc/health.check {"n":1}' });
    // From now on every request is the app's, pages and health included.
    expect(await (await fetch(`${url}/health/ready`)).text()).toBe('app: GET /health/ready ');
  });
});
