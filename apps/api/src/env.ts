import path from 'node:path';
import { z } from 'zod';

/** Environment, validated once: a wrong value stops start-up with a message, not a stack trace later. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  RAPPORT_DATA_DIR: z.string().default('.rapport/data'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /**
   * Demo mode (see demoMode): `on`, `off`, or a number (on, with that many demo conversations). Unset,
   * it is on only when the server listens on loopback.
   */
  RAPPORT_DEMO: z.union([z.literal('off'), z.literal('on'), z.coerce.number().int().min(1)]).optional(),
  /** The largest file `POST /uploads` takes; a bigger one is refused with 413 and nothing stored. */
  RAPPORT_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(200 * 1024 * 1024),
  /**
   * Origins besides the one the server is reached at whose pages may sign in and change things, comma
   * separated (`https://rapport.example.com`): for a proxy that rewrites the Host header.
   */
  RAPPORT_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url()
          .refine((o) => new URL(o).origin === o, 'expected an origin such as https://rapport.example.com'),
      ),
    ),
  /**
   * After how long without a heartbeat a running upload or job is taken to belong to a process that
   * died, and is ended (jobs/liveness.ts); its heartbeat is written six times as often.
   */
  RAPPORT_STALE_AFTER_MS: z.coerce.number().int().min(600).default(30_000),
  /**
   * Worker threads that score conversations for the server (ingest, uploads, demo load, recompute);
   * `0` scores on the event loop. Default: one fewer than the cores, at least one; for
   * `rapport ingest`, the same for files of 8 MB and more, none for smaller ones.
   */
  RAPPORT_SCORING_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /**
   * How many read results (overviews, scorecards, trends, opportunities, conversation lists and
   * conversations) a web process keeps (read-cache/); 0 computes every read. Sized for a contact
   * centre's working set: the demo's 46 people reading its pages keep about 1,400 results live (each
   * agent's recent conversations are most of them), which a smaller cache would evict before they are
   * asked again. An HR all-teams overview is the largest entry, about 100 KB of JSON; most are a few.
   */
  RAPPORT_READ_CACHE_ENTRIES: z.coerce.number().int().min(0).default(5000),
  /**
   * What this process does (docs/operations.md): `all` serves HTTP and runs the job queue, as one
   * machine needs; `web` serves HTTP and only queues jobs; `worker` runs the jobs (recompute, uploads,
   * the definitions upgrade, the demo load) and answers only health and metrics.
   */
  RAPPORT_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /**
   * The embedded database in a thread of its own (db/pglite-thread.ts), so that its queries do not
   * hold up the server's requests; `off` runs it on the event loop, as scripts do.
   */
  RAPPORT_PGLITE_THREAD: z.enum(['on', 'off']).default('on'),
  /** pino's levels; `debug` adds every HTTP request's line. */
  RAPPORT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` (one object a line), or `text` (the message only); unset, text on a terminal, else JSON. */
  RAPPORT_LOG_FORMAT: z.enum(['json', 'text']).optional(),
  /**
   * The bearer token `/metrics` asks for (`Authorization: Bearer …`); unset, `/metrics` answers only
   * requests from this machine (loopback).
   */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN needs at least 16 characters').optional(),
  /**
   * The SMTP server that sends notification emails, `smtp://user:password@host:587` (upgraded to TLS
   * when the server offers it) or `smtps://…:465`. Unset, email is off: notifications stay in the app.
   */
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^/]/,
      'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://mail.example.com:587',
    )
    .optional(),
  /** The From of notification emails. */
  RAPPORT_MAIL_FROM: z.string().min(3).default('Rapport <rapport@localhost>'),
  /** The address people reach Rapport at, for the links in emails and webhook bodies (paths otherwise). */
  RAPPORT_PUBLIC_URL: z.url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * Whether the demo is on: demo data and its accounts (one published password) on a first start with an
 * empty database, the accounts offered on the sign-in page, that password accepted. On by default only
 * for `pnpm start` on this machine (loopback); a server others can reach must opt in with
 * RAPPORT_DEMO=on, because anyone reaching it could sign in as the demo admin.
 */
export function demoMode(env: Pick<Env, 'HOST' | 'RAPPORT_DEMO'>): { on: boolean; conversations?: number } {
  if (env.RAPPORT_DEMO === 'off') return { on: false };
  if (typeof env.RAPPORT_DEMO === 'number') return { on: true, conversations: env.RAPPORT_DEMO };
  return { on: env.RAPPORT_DEMO === 'on' || isLoopback(env.HOST) };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Relative data folders are taken from the repository root, wherever `pnpm --filter` runs us. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse({
    ...source,
    DATABASE_URL: source.DATABASE_URL || undefined,
    METRICS_TOKEN: source.METRICS_TOKEN || undefined,
    SMTP_URL: source.SMTP_URL || undefined,
    RAPPORT_PUBLIC_URL: source.RAPPORT_PUBLIC_URL || undefined,
  });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${reasons}`);
  }
  const env = parsed.data;
  // PGlite is one process's database: a web and a worker process cannot both open it.
  if (env.RAPPORT_ROLE !== 'all' && !env.DATABASE_URL) {
    throw new Error(
      `Invalid environment: RAPPORT_ROLE=${env.RAPPORT_ROLE} needs PostgreSQL (DATABASE_URL): the embedded database opens in one process only, so web and worker cannot share it. Use RAPPORT_ROLE=all (the default) with the embedded database.`,
    );
  }
  return { ...env, RAPPORT_DATA_DIR: path.resolve(REPO_ROOT, env.RAPPORT_DATA_DIR) };
}
