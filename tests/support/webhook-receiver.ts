import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  calls: ReceivedCall[];
  /** The next `n` calls are answered 500, as by a receiver that is down. */
  failNext(n: number): void;
  stop(): Promise<void>;
}

/** A real HTTP server on a free port that records every call it gets and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = [];
  let failures = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = failures > 0 ? 500 : 200;
      if (failures > 0) failures -= 1;
      calls.push({
        at: Date.now(),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/rapport`,
    calls,
    failNext: (n) => {
      failures = n;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
