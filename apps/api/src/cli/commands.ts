import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMetric, METRIC_IDS, metricUnit } from '@rapport/metrics';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { agentById } from '../agents/agents.repository.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { coachingOpportunities } from '../coaching/opportunities.service.ts';
import { scoredConversation } from '../conversations/scored-conversation.ts';
import { backupEmbedded, restoreEmbedded } from '../db/backup.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { loadDemo, writeDemoFile } from '../demo/load.ts';
import type { Env } from '../env.ts';
import { eraseCustomer } from '../erasure/customer-erasure.ts';
import { systemActor } from '../exports/export-access.ts';
import { exportToFile } from '../exports/export-file.ts';
import { ExportRequest, exportKindOf } from '../exports/export-request.ts';
import { formatOf, parseFile } from '../ingest/formats.ts';
import { type IngestSummary, ingest } from '../ingest/ingest.ts';
import { withScoringPool } from '../ingest/score.ts';
import { createJob } from '../jobs/jobs.repository.ts';
import { runRecomputeJob } from '../jobs/recompute.job.ts';
import { getConfig } from '../organisations/config.repository.ts';
import { organisationPeriod } from '../period.ts';
import {
  applyRetention,
  organisationsWithRetention,
  retentionDays,
  setRetentionDays,
} from '../retention/retention.repository.ts';
import { RetentionDays } from '../retention/retention-policy.ts';
import { agentScorecard, UnknownAgentError } from '../scorecard/scorecard.ts';
import { NewUserInput, upsertUser, userLinkProblem } from '../users/users.repository.ts';

const ORGANISATION = 'default';

const USAGE = `Usage: pnpm rapport <command>
  migrate
  ingest <file…> [--format jsonl|csv|contact-lens]
  scorecard --agent ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json|--csv]
  coaching --agent ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
  conversation ID [--json]
  export --from YYYY-MM-DD --to YYYY-MM-DD [--team T] [--agent ID] --format csv|pdf [--kind agents|conversations] [--raw] --out FILE|-
  demo [--conversations N] [--seed N] [--out FILE]
  recompute
  retention [set --days N|--forever | run]   (keep transcripts N days; run removes older ones)
  erase-customer <customer id> [--reference R]
  backup <file>      (the embedded database, server stopped; PostgreSQL: pg_dump)
  restore <file>     (into an empty RAPPORT_DATA_DIR)
  users add --email E --role supervisor|agent|hr|admin [--team T] [--agent ID] [--password P]`;

/** Runs one command and returns the process exit code (2: some input was rejected). */
export async function runCommand(argv: string[], env: Env): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return migrate(env);
    case 'ingest':
      return ingestFiles(rest, env);
    case 'scorecard':
      return scorecard(rest, env);
    case 'coaching':
      return coaching(rest, env);
    case 'conversation':
      return conversation(rest, env);
    case 'export':
      return exportCommand(rest, env);
    case 'demo':
      return demo(rest, env);
    case 'recompute':
      return recompute(env);
    case 'users':
      return users(rest, env);
    case 'retention':
      return retention(rest, env);
    case 'erase-customer':
      return eraseCustomerCommand(rest, env);
    case 'backup':
    case 'restore':
      return backupOrRestore(command, rest, env);
    default:
      process.stderr.write(`${command ? `Unknown command "${command}"\n` : ''}${USAGE}\n`);
      return 1;
  }
}

async function withDatabase<T>(
  env: Env,
  work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
) {
  const handle = await openDatabase(env);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function migrate(env: Env): Promise<number> {
  await withDatabase(env, async (db) => {
    const applied = await migrateToLatest(db);
    process.stdout.write(`${JSON.stringify({ applied })}\n`);
  });
  return 0;
}

/** Files of about 3,000 conversations and more are scored in worker threads. */
const POOL_WORTH_BYTES = 8 * 1024 * 1024;

async function ingestFiles(args: string[], env: Env): Promise<number> {
  const { values, positionals: given } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' } },
  });
  if (given.length === 0) throw new Error('ingest needs at least one file');
  const positionals = given.map(fromCallerDirectory);
  const missing = positionals.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) throw new Error(`No such file: ${missing.join(', ')}`);
  const formats = positionals.map((file) => formatOf(file, values.format));

  const total: IngestSummary & { files?: unknown[] } = { accepted: 0, updated: 0, rejected: [] };
  const ingestAll = () =>
    withDatabase(env, async (db) => {
      for (const [i, file] of positionals.entries()) {
        const summary = await ingest(db, parseFile(file, formats[i] ?? 'jsonl'), {
          organisationId: ORGANISATION,
          onProgress: ({ accepted, rejected }) =>
            process.stderr.write(`\r${file}: ${accepted} stored, ${rejected} rejected`),
        });
        process.stderr.write('\n');
        total.accepted += summary.accepted;
        total.updated += summary.updated;
        // With several files, say which file a rejected line belongs to.
        const rejected =
          positionals.length > 1 ? summary.rejected.map((r) => ({ file, ...r })) : summary.rejected;
        total.rejected.push(...rejected);
      }
    });
  const bytes = positionals.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  // Starting the workers takes a second or two: by default small files are scored on the main thread.
  const workers = env.RAPPORT_SCORING_WORKERS ?? (bytes >= POOL_WORTH_BYTES ? undefined : 0);
  await withScoringPool(ingestAll, workers);
  process.stdout.write(`${JSON.stringify(total)}\n`);
  return total.rejected.length > 0 ? 2 : 0;
}

async function scorecard(args: string[], env: Env): Promise<number> {
  const values = agentPeriodArgs('scorecard', args);
  const { agentId, from, to } = values;
  const card = await withDatabase(env, async (db) =>
    agentScorecard(db, ORGANISATION, agentId, await cliPeriod(db, from, to)),
  );
  if (values.csv) {
    const header = ['agentId', 'from', 'to', 'conversations', ...METRIC_IDS];
    const row = [
      card.agentId,
      card.from,
      card.to,
      card.conversations,
      ...METRIC_IDS.map((id) => card.metrics[id]),
    ];
    process.stdout.write(stringify([header, row], { cast: { number: String } }));
  } else if (values.json) {
    process.stdout.write(`${JSON.stringify(card)}\n`);
  } else {
    process.stdout.write(
      `${card.agentId}, ${card.from} to ${card.to}: ${card.conversations} conversations\n`,
    );
    for (const id of METRIC_IDS) {
      process.stdout.write(`  ${id.padEnd(32)} ${formatMetric(card.metrics[id], metricUnit(id))}\n`);
    }
  }
  return 0;
}

/** One stored conversation as the engine scored it: every metric and every piece of evidence. */
async function conversation(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new Error('conversation needs exactly one conversation id');
  const scored = await withDatabase(env, (db) => scoredConversation(db, ORGANISATION, id));
  if (!scored) throw new Error(`No conversation "${id}"`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(scored)}\n`);
    return 0;
  }
  process.stdout.write(
    `${scored.id} (${scored.channel}, agent ${scored.agentId}), definitions ${scored.definitions}\n`,
  );
  for (const id of METRIC_IDS) {
    process.stdout.write(`  ${id.padEnd(32)} ${formatMetric(scored.metrics[id], metricUnit(id))}\n`);
  }
  for (const e of scored.evidence) {
    const suggestion = e.suggestion ? ` → try "${e.suggestion}"` : '';
    process.stdout.write(
      `  ${e.kind.padEnd(7)} ${e.metric} turn ${e.turn} [${e.start}, ${e.end}): "${e.text}"${suggestion}\n`,
    );
  }
  return 0;
}

/** `--agent ID [--from D] [--to D] [--json] [--csv]`, shared by scorecard and coaching. */
function agentPeriodArgs(command: string, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      agent: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
    },
  });
  if (!values.agent) throw new Error(`${command} needs --agent ID`);
  return { ...values, agentId: values.agent };
}

/**
 * The days a command means, as the dashboard reads them (default: the 30 days up to the latest day
 * with data); a flag outside the accepted range or a period over three years is a clear error.
 */
async function cliPeriod(db: Kysely<Database>, from: string | undefined, to: string | undefined) {
  const resolved = await organisationPeriod(db, ORGANISATION, { from, to });
  if (!resolved.ok) {
    throw new Error(resolved.problems.map((p) => `--${p.field}: ${p.message}`).join('; '));
  }
  return resolved.period;
}

/** Ranked coaching opportunities with the seed rule, trend and evidence (METRICS.md). */
async function coaching(args: string[], env: Env): Promise<number> {
  const values = agentPeriodArgs('coaching', args);
  const { agentId, from, to } = values;
  const result = await withDatabase(env, async (db) => {
    const agent = await agentById(db, ORGANISATION, agentId);
    if (!agent) throw new UnknownAgentError(agentId);
    const period = await cliPeriod(db, from, to);
    const config = await getConfig(db, ORGANISATION);
    return {
      agentId,
      ...period,
      opportunities: await coachingOpportunities(db, ORGANISATION, agent, period, config),
    };
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  process.stdout.write(
    `${agentId}, ${result.from} to ${result.to}: ${result.opportunities.length} opportunities\n`,
  );
  for (const [rank, o] of result.opportunities.entries()) {
    process.stdout.write(
      `${rank + 1}. ${o.label}: ${formatMetric(o.value, metricUnit(o.metricId))} (team median ${formatMetric(o.teamMedian, metricUnit(o.metricId))}, n ${o.n}, ${o.trend})\n   "${o.rule.quote}" (${o.rule.seed})\n`,
    );
    for (const e of o.evidence)
      process.stdout.write(`   - ${e.conversationId} turn ${e.turnIndex}: "${e.text}"\n`);
  }
  return 0;
}

/** The HR export (DESIGN.md): run as the admin-equivalent system actor 'cli', audited like a download. */
async function exportCommand(args: string[], env: Env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      team: { type: 'string' },
      agent: { type: 'string' },
      format: { type: 'string' },
      kind: { type: 'string' },
      out: { type: 'string' },
      // One column per metric id in the catalog's units, for scripts; the default CSV is for people.
      raw: { type: 'boolean' },
    },
  });
  if (!values.from || !values.to) throw new Error('export needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  if (!values.out) throw new Error('export needs --out FILE (or --out - for standard output)');
  const request = ExportRequest.safeParse({
    kind: exportKindOf(values.format, values.kind),
    from: values.from,
    to: values.to,
    teamId: values.team,
    agentId: values.agent,
  });
  if (!request.success) {
    throw new Error(
      request.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  }
  const out = values.out === '-' ? '-' : fromCallerDirectory(values.out);
  const written = await withDatabase(env, (db) =>
    exportToFile(db, systemActor(ORGANISATION), request.data, out, values.raw ? 'raw' : 'people'),
  );
  if (out !== '-') process.stdout.write(`${JSON.stringify(written)}\n`);
  return 0;
}

async function demo(args: string[], env: Env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { conversations: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  });
  const conversations =
    values.conversations === undefined ? undefined : positiveInteger('--conversations', values.conversations);
  const seed = values.seed === undefined ? undefined : positiveInteger('--seed', values.seed);
  if (values.out) {
    const written = await writeDemoFile(fromCallerDirectory(values.out), { conversations, seed });
    process.stdout.write(`${JSON.stringify({ written, file: values.out })}\n`);
    return 0;
  }
  const summary = await withDatabase(env, (db) =>
    loadDemo(db, ORGANISATION, {
      conversations,
      seed,
      onProgress: (done, total) => process.stderr.write(`\rdemo: ${done} / ${total} conversations`),
    }),
  );
  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.rejected.length > 0 ? 2 : 0;
}

/**
 * Re-scores every stored conversation with the current configuration: the job that the server's
 * queue runs after a configuration change, run here in the foreground (with its row, so that
 * `admin.jobs.status` shows it too).
 */
async function recompute(env: Env): Promise<number> {
  // Every stored conversation is re-scored: worth the workers' start, unless told otherwise.
  const result = await withScoringPool(
    () =>
      withDatabase(env, async (db) => {
        const jobId = randomUUID();
        await createJob(db, { id: jobId, organisationId: ORGANISATION, queue: 'recompute', createdBy: null });
        const { recomputed } = await runRecomputeJob(
          db,
          jobId,
          { organisationId: ORGANISATION },
          (done, total) => process.stderr.write(`\rrecompute: ${done} / ${total} conversations`),
          env.RAPPORT_STALE_AFTER_MS,
        );
        return { jobId, recomputed };
      }),
    env.RAPPORT_SCORING_WORKERS,
  );
  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

/**
 * `retention` prints the setting, `retention set --days N` (or `--forever`) changes it, `retention run`
 * removes the transcripts older than it for every organisation that has one: the command to run
 * daily from cron or a systemd timer. Each change and run is audited as `cli`.
 */
async function retention(args: string[], env: Env): Promise<number> {
  const [sub, ...rest] = args;
  const actor = systemActor(ORGANISATION);
  if (sub === undefined) {
    const days = await withDatabase(env, (db) => retentionDays(db, ORGANISATION));
    process.stdout.write(`${JSON.stringify({ days })}\n`);
    return 0;
  }
  if (sub === 'set') {
    const { values } = parseArgs({
      args: rest,
      options: { days: { type: 'string' }, forever: { type: 'boolean' } },
    });
    if ((values.days === undefined) === !values.forever) {
      throw new Error('retention set needs either --days N or --forever');
    }
    const parsed = RetentionDays.safeParse(values.forever ? null : Number(values.days));
    if (!parsed.success) {
      throw new Error(
        `--days: ${parsed.error.issues.map((i) => i.message).join('; ')} (got "${values.days}")`,
      );
    }
    await withDatabase(env, async (db) => {
      const before = await retentionDays(db, ORGANISATION);
      await setRetentionDays(db, ORGANISATION, parsed.data);
      await writeAudit(db, actor, 'retention.update', { days: parsed.data, before });
    });
    process.stdout.write(`${JSON.stringify({ days: parsed.data })}\n`);
    return 0;
  }
  if (sub === 'run' && rest.length === 0) {
    const runs = await withDatabase(env, async (db) => {
      const now = new Date();
      const results = [];
      for (const organisationId of await organisationsWithRetention(db)) {
        const run = await applyRetention(db, organisationId, now);
        await writeAudit(db, systemActor(organisationId), 'retention.run', { ...run });
        results.push({ organisationId, ...run });
      }
      return results;
    });
    process.stdout.write(`${JSON.stringify({ organisations: runs })}\n`);
    return 0;
  }
  throw new Error('usage: retention [set --days N | set --forever | run]');
}

/** Erases one customer everywhere (erasure/customer-erasure.ts), audited as `cli`. */
async function eraseCustomerCommand(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { reference: { type: 'string' } },
  });
  const [customerId, ...extra] = positionals;
  if (!customerId || extra.length > 0) throw new Error('erase-customer needs exactly one customer id');
  const receipt = await withDatabase(env, (db) =>
    eraseCustomer(db, systemActor(ORGANISATION), customerId, values.reference ?? null),
  );
  process.stdout.write(`${JSON.stringify(receipt)}\n`);
  return 0;
}

/** `backup FILE` / `restore FILE` of the embedded database (db/backup.ts). */
async function backupOrRestore(command: 'backup' | 'restore', args: string[], env: Env): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length > 0) throw new Error(`usage: ${command} <file>`);
  if (env.DATABASE_URL) {
    throw new Error(
      `${command} is for the embedded database; on PostgreSQL use pg_dump and pg_restore (docs/operations.md).`,
    );
  }
  const target = fromCallerDirectory(file);
  if (command === 'backup') {
    process.stdout.write(`${JSON.stringify(await backupEmbedded(env.RAPPORT_DATA_DIR, target))}\n`);
    return 0;
  }
  const restored = await restoreEmbedded(target, env.RAPPORT_DATA_DIR);
  // A backup of an older version gets the migrations it lacks now, not on the server's next start.
  const applied = await withDatabase(env, (db) => migrateToLatest(db));
  process.stdout.write(`${JSON.stringify({ ...restored, migrated: applied })}\n`);
  return 0;
}

async function users(args: string[], env: Env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add')
    throw new Error('usage: users add --email E --role R [--team T] [--agent ID] [--password P]');
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      agent: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const parsed = NewUserInput.safeParse({
    email: values.email,
    role: values.role,
    teamId: values.team,
    agentId: values.agent,
    password: values.password ?? process.env.RAPPORT_PASSWORD,
  });
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  }
  const user = await withDatabase(env, async (db) => {
    const problem = await userLinkProblem(db, ORGANISATION, parsed.data);
    if (problem) throw new Error(problem);
    return upsertUser(db, ORGANISATION, parsed.data);
  });
  process.stdout.write(`${JSON.stringify(user)}\n`);
  return 0;
}

/** `pnpm rapport` runs in apps/api; file names are meant from where the user typed the command. */
export function fromCallerDirectory(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function positiveInteger(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a whole number ≥ 1, got "${value}"`);
  return n;
}
