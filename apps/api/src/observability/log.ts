import pino, { type Logger } from 'pino';

export type { Logger };
export type LogFormat = 'json' | 'text';

/**
 * One log for the server, its jobs and its requests: pino writes one JSON object a line (time, level,
 * msg and the context: `requestId`, `jobId`, `uploadId`…), which a log collector can index. The text
 * format prints only the message, as the server always has, for a person watching `pnpm start` in a
 * terminal; both carry the same sentences, so a line such as "Rapport is serving at …" or "Recompute
 * <id>: x / y conversations" can be looked for in either.
 */
let format: LogFormat = process.stdout.isTTY ? 'text' : 'json';

const destination = {
  write(line: string) {
    if (format === 'json') {
      process.stdout.write(line);
      return;
    }
    process.stdout.write(`${asText(JSON.parse(line) as Record<string, unknown>)}\n`);
  },
};

/** The message, and for an error what went wrong: the stack a person needs to find it. */
export function asText(entry: Record<string, unknown>): string {
  const message = String(entry.msg ?? '');
  const error = entry.err as { stack?: string; message?: string } | undefined;
  return error ? `${message} ${error.stack ?? error.message ?? ''}`.trim() : message;
}

export const log: Logger = pino(
  {
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  destination,
);

/** Applies the environment's choice (env.ts): RAPPORT_LOG_LEVEL and RAPPORT_LOG_FORMAT. */
export function configureLog(options: { level: string; format?: LogFormat | undefined }): void {
  log.level = options.level;
  if (options.format) format = options.format;
}

/** A logger that writes its JSON lines to `write`, for tests that read what a request logged. */
export function captureLog(write: (line: string) => void): Logger {
  return pino(
    { base: null, timestamp: false, formatters: { level: (label) => ({ level: label }) } },
    { write },
  );
}
