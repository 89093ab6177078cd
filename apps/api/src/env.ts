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
  /** First start on an empty database: `off` skips the demo data, a number sets its size. */
  RAPPORT_DEMO: z.union([z.literal('off'), z.coerce.number().int().min(1)]).optional(),
  /** The largest file `POST /uploads` takes; a bigger one is refused with 413 and nothing stored. */
  RAPPORT_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(200 * 1024 * 1024),
  /**
   * After how long without a heartbeat a running upload or job is taken to belong to a process that
   * died, and is ended (jobs/liveness.ts); its heartbeat is written six times as often.
   */
  RAPPORT_STALE_AFTER_MS: z.coerce.number().int().min(600).default(30_000),
});

export type Env = z.infer<typeof EnvSchema>;

/** Relative data folders are taken from the repository root, wherever `pnpm --filter` runs us. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse({ ...source, DATABASE_URL: source.DATABASE_URL || undefined });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${reasons}`);
  }
  const env = parsed.data;
  return { ...env, RAPPORT_DATA_DIR: path.resolve(REPO_ROOT, env.RAPPORT_DATA_DIR) };
}
