import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import { eraseCustomer, UnknownCustomerError } from '../erasure/customer-erasure.ts';
import { jobStatus, unfinishedJobs } from '../jobs/jobs.repository.ts';
import { adminConfigView, coachingProblem } from '../organisations/admin-config.ts';
import {
  affectsStoredMetrics,
  ConfigPatch,
  getConfig,
  updateConfig,
} from '../organisations/config.repository.ts';
import { applyRetention, retentionDays, setRetentionDays } from '../retention/retention.repository.ts';
import { RetentionDays } from '../retention/retention-policy.ts';
import { listTeams, upsertTeam } from '../teams/teams.repository.ts';
import { Id, Text } from '../text-input.ts';
import { adminProcedure, router } from '../trpc.ts';
import {
  listUsers,
  NewUserInput,
  removeUser,
  upsertUser,
  userByEmail,
  userById,
  userLinkProblem,
} from '../users/users.repository.ts';
import { validInput } from './valid-input.ts';

export const TeamInput = z.object({
  id: Text(100).trim().min(1, 'a team needs an id'),
  name: Text(200).trim().min(1, 'a team needs a name'),
});
export const UserIdInput = z.object({ id: z.number().int().positive() });
export const JobIdInput = z.object({
  id: z.uuid('expected a job id such as the one config.update returned'),
});
export const RetentionInput = z.object({ days: RetentionDays });
export const EraseCustomerInput = z.object({
  /** The customer's id as the logs give it (DESIGN.md, `customer.id`). */
  customerId: Id,
  /** The request this answers (a ticket number, say), kept in the audit log. */
  reference: Text(200).trim().min(1, 'a reference cannot be empty; leave it out instead').optional(),
});

const configRouter = router({
  /** What is in force, what the organisation changed, and the defaults (lexicons with their seed rules). */
  get: adminProcedure.query(async ({ ctx }) => adminConfigView(await getConfig(ctx.db, ctx.organisationId))),

  /**
   * Merges the patch into the configuration and audits it. Lexicons, scripts and response targets
   * change stored metric facts: the change then queues a recompute and returns its job id.
   */
  update: adminProcedure.input(validInput(ConfigPatch)).mutation(async ({ ctx, input }) => {
    const parts = (Object.keys(input) as (keyof ConfigPatch)[]).filter((k) => input[k] !== undefined);
    if (parts.length === 0) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Nothing to change: send at least one setting.' });
    }
    const problem = coachingProblem(await getConfig(ctx.db, ctx.organisationId), input);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    const needsRecompute = affectsStoredMetrics(parts);
    // Checked before saving: stored metrics must not silently disagree with the configuration.
    if (needsRecompute && !ctx.jobs) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message:
          'The job queue is not running here, so stored metrics could not be recomputed; nothing was saved.',
      });
    }
    const { changed } = await updateConfig(ctx.db, ctx.organisationId, input);
    const jobId =
      needsRecompute && ctx.jobs
        ? await ctx.jobs.enqueueRecompute(ctx.organisationId, ctx.user.id, { requestId: ctx.requestId })
        : null;
    await writeAudit(ctx.db, ctx.user, 'config.update', { changed, patch: input, jobId });
    return { changed, jobId };
  }),
});

const teamsRouter = router({
  list: adminProcedure.query(({ ctx }) => listTeams(ctx.db, ctx.organisationId)),

  /** Creates a team or renames it. */
  upsert: adminProcedure.input(validInput(TeamInput)).mutation(async ({ ctx, input }) => {
    const { created } = await upsertTeam(ctx.db, ctx.organisationId, input);
    await writeAudit(ctx.db, ctx.user, 'team.upsert', { ...input, created });
    return { ...input, created };
  }),
});

const usersRouter = router({
  /** The organisation's current users, without password hashes. */
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db, ctx.organisationId)),

  /** Creates a user or updates the one with this email (a removed user comes back). */
  upsert: adminProcedure.input(validInput(NewUserInput)).mutation(async ({ ctx, input }) => {
    const existing = await userByEmail(ctx.db, input.email);
    if (existing && existing.organisation_id !== ctx.organisationId) {
      throw new TRPCError({ code: 'CONFLICT', message: `${input.email} belongs to another organisation.` });
    }
    if (existing?.id === ctx.user.id && input.role !== 'admin') {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'You cannot take away your own admin role; ask another admin.',
      });
    }
    const problem = await userLinkProblem(ctx.db, ctx.organisationId, input);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    const row = await upsertUser(ctx.db, ctx.organisationId, input, {
      keepSession: existing?.id === ctx.user.id ? ctx.session.token : null,
    });
    const user = await userById(ctx.db, ctx.organisationId, row.id);
    if (!user) throw new Error(`user ${row.id} vanished after its upsert`);
    await writeAudit(ctx.db, ctx.user, 'user.upsert', {
      userId: user.id,
      email: user.email,
      role: user.role,
      teamId: user.teamId,
      agentId: user.agentId,
      created: !existing,
      passwordSet: input.password !== undefined,
    });
    return user;
  }),

  /** Ends a user's access at once (sessions too); their past actions stay attributed to them. */
  remove: adminProcedure.input(validInput(UserIdInput)).mutation(async ({ ctx, input }) => {
    if (input.id === ctx.user.id) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'You cannot remove yourself; ask another admin.' });
    }
    const email = await removeUser(ctx.db, ctx.organisationId, input.id);
    if (!email) throw new TRPCError({ code: 'NOT_FOUND', message: `No user with id ${input.id}.` });
    await writeAudit(ctx.db, ctx.user, 'user.remove', { userId: input.id, email });
    return { id: input.id, email };
  }),
});

const jobsRouter = router({
  /** A job's state and progress (done of total), its result or error; null for an unknown id. */
  status: adminProcedure
    .input(validInput(JobIdInput))
    .query(({ ctx, input }) => jobStatus(ctx.db, ctx.organisationId, input.id)),
  /** Jobs still queued or running (a recompute queued at start-up for older definitions, say). */
  unfinished: adminProcedure.query(({ ctx }) => unfinishedJobs(ctx.db, ctx.organisationId)),
});

const retentionRouter = router({
  /** Days transcripts are kept after a conversation started; null keeps them for ever. */
  get: adminProcedure.query(async ({ ctx }) => ({ days: await retentionDays(ctx.db, ctx.organisationId) })),

  /** Sets the retention; transcripts go at the next run (`retention.run`, `pnpm rapport retention run`). */
  update: adminProcedure.input(validInput(RetentionInput)).mutation(async ({ ctx, input }) => {
    const before = await retentionDays(ctx.db, ctx.organisationId);
    await setRetentionDays(ctx.db, ctx.organisationId, input.days);
    await writeAudit(ctx.db, ctx.user, 'retention.update', { days: input.days, before });
    return { days: input.days };
  }),

  /** Removes the transcripts older than the retention now; metric facts and rollups stay. */
  run: adminProcedure.mutation(async ({ ctx }) => {
    const run = await applyRetention(ctx.db, ctx.organisationId, new Date());
    await writeAudit(ctx.db, ctx.user, 'retention.run', { ...run });
    return run;
  }),
});

const customersRouter = router({
  /** Erases one customer everywhere, audited (erasure/customer-erasure.ts); scorecards do not change. */
  erase: adminProcedure.input(validInput(EraseCustomerInput)).mutation(async ({ ctx, input }) => {
    try {
      return await eraseCustomer(ctx.db, ctx.user, input.customerId, input.reference ?? null);
    } catch (error) {
      if (error instanceof UnknownCustomerError)
        throw new TRPCError({ code: 'NOT_FOUND', message: error.message });
      throw error;
    }
  }),
});

/** Configuration, teams, users, jobs, retention and erasure: the admin role only (DESIGN.md, roles and access). */
export const adminRouter = router({
  config: configRouter,
  teams: teamsRouter,
  users: usersRouter,
  jobs: jobsRouter,
  retention: retentionRouter,
  customers: customersRouter,
});
