import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  /** SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill. */
  kill(): Promise<void>;
}

/**
 * Starts the real server (`apps/api/src/server/main.ts`) as its own process and waits until it has
 * said `ready` (a line of its output). The web app must have been built (`pnpm test` builds it).
 */
export async function startServer(
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 120_000,
  options: { web?: boolean } = {},
): Promise<RunningServer> {
  if (options.web !== false && !fs.existsSync(path.join(REPO_ROOT, 'apps/web/dist/index.html'))) {
    throw new Error(
      'apps/web/dist is missing: run `pnpm --filter @rapport/web build` first (pnpm test does)',
    );
  }
  const port = String(await freePort());
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: path.join(REPO_ROOT, 'apps/api'),
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url: `http://127.0.0.1:${port}`, output: () => output, stop, kill };
}

/** A port the OS says is free now: a random pick could land on a port another process holds. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
