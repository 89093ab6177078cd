import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './server.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `pnpm rapport …` as a user would, minus pnpm's own start-up: the same entry point via tsx. */
export function rapport(args: string[], env: Record<string, string>): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: path.join(REPO_ROOT, 'apps/api'),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
