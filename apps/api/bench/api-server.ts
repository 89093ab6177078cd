import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

const MAIN = path.join(import.meta.dirname, '../src/server/main.ts');
/**
 * As the `start` script and docker-compose.yml run the server: a young generation of 64 MB a half,
 * not V8's 16, so that the short-lived objects of many requests at once cost fewer scavenges
 * (docs/scaling.md has the load test with and without).
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * `pnpm start`'s server in a child process, so that the benchmark is a client on an event loop of its
 * own and the server's memory is its own. Ready once the log says `readyWhen`: the demo data loaded on
 * an empty database, or serving on one that has its data already.
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  readyWhen: 'Demo data loaded' | 'Rapport is serving' = 'Demo data loaded',
): Promise<ChildProcess> {
  // BENCH_PROFILE_DIR: the server writes a CPU profile there when it stops, to see where time went.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, '--import', 'tsx', MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = performance.now();
  let ready = false;
  const exited = once(child, 'exit').then(([code]) => {
    if (!ready) throw new Error(`the server exited (${code}) before it was ready ("${readyWhen}")`);
  });
  const loaded = (async () => {
    for await (const line of readline.createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
      if (line.includes('Rapport is serving') || line.includes('Demo data loaded')) {
        console.log(`  server: ${line}`);
      }
      if (line.includes(readyWhen)) return;
    }
  })();
  await Promise.race([loaded, exited]);
  ready = true;
  // Keep reading, so that a full pipe never stalls the server's logging.
  child.stdout?.resume();
  console.log(`  ready after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return child;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
