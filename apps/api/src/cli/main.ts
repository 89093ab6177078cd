import { readEnv } from '../env.ts';
import { runCommand } from './commands.ts';

/** `pnpm rapport <command>`: JSON on stdout for scripts, progress and errors on stderr. */
runCommand(process.argv.slice(2), readEnv())
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`rapport: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
