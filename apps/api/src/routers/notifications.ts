import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import { notFound } from '../auth/hidden.ts';
import { KIND_LABELS, KINDS_FOR_ROLE, NOTIFICATION_KINDS } from '../notifications/events.ts';
import {
  listNotifications,
  markRead,
  ownNotificationIds,
  unreadCount,
} from '../notifications/notifications.repository.ts';
import { savePreferences, userPreferences } from '../notifications/preferences.repository.ts';
import { saveWebhook, webhookOf, webhookView } from '../notifications/webhooks.repository.ts';
import { Text } from '../text-input.ts';
import { adminProcedure, authedProcedure, router } from '../trpc.ts';

export const NotificationListInput = z
  .object({
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .optional();
const NotificationId = z.number().int().positive();
export const MarkReadInput = z.union([
  z.object({ ids: z.array(NotificationId).min(1, 'Name at least one notification.').max(100) }),
  z.object({ all: z.literal(true) }),
]);
export const PreferencesInput = z.object({
  preferences: z
    .array(z.object({ kind: z.enum(NOTIFICATION_KINDS), inApp: z.boolean(), email: z.boolean() }))
    .min(1, 'Give at least one preference.')
    .max(NOTIFICATION_KINDS.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'Each kind once.'),
});
export const WebhookInput = z.object({
  url: Text(2_000).pipe(
    z.url({
      protocol: /^https?$/,
      error: 'expected an http:// or https:// URL such as https://hooks.example.com/rapport',
    }),
  ),
  /** Needed the first time; left out, the stored secret stays. */
  secret: Text(256).min(16, 'Use a secret of at least 16 characters.').optional(),
  enabled: z.boolean(),
});

/**
 * Notifications: everyone signed in reads and marks their own (never anyone else's), and chooses which
 * kinds reach them in the app and by email; admins set the organisation's webhook.
 */
export const notificationsRouter = router({
  /** Newest first, the caller's own in-app notifications. */
  list: authedProcedure.input(NotificationListInput).query(({ ctx, input }) =>
    listNotifications(ctx.db, ctx.organisationId, ctx.user.id, {
      unreadOnly: input?.unreadOnly ?? false,
      limit: input?.limit ?? 30,
    }),
  ),

  /** The badge. */
  unreadCount: authedProcedure.query(async ({ ctx }) => ({
    unread: await unreadCount(ctx.db, ctx.organisationId, ctx.user.id),
  })),

  /** Marks the given notifications, or all, read; someone else's id reads as one that does not exist. */
  markRead: authedProcedure.input(MarkReadInput).mutation(async ({ ctx, input }) => {
    if ('ids' in input) {
      const own = await ownNotificationIds(ctx.db, ctx.organisationId, ctx.user.id, input.ids);
      const missing = input.ids.find((id) => !own.has(id));
      // Nothing is marked when one id is wrong: the request is refused whole.
      if (missing !== undefined) throw notFound(`No notification ${missing}.`);
    }
    const marked = await markRead(
      ctx.db,
      ctx.organisationId,
      ctx.user.id,
      'ids' in input ? input.ids : 'all',
    );
    return { marked };
  }),

  /** The kinds the caller's role can get, each with its channels. */
  preferences: authedProcedure.query(async ({ ctx }) => {
    const kinds = KINDS_FOR_ROLE[ctx.user.role];
    const chosen = await userPreferences(ctx.db, ctx.organisationId, ctx.user.id, kinds);
    return kinds.map((kind) => ({
      kind,
      label: KIND_LABELS[kind],
      ...(chosen.get(kind) ?? { inApp: true, email: true }),
    }));
  }),

  setPreferences: authedProcedure.input(PreferencesInput).mutation(async ({ ctx, input }) => {
    const allowed = KINDS_FOR_ROLE[ctx.user.role];
    const foreign = input.preferences.find((p) => !allowed.includes(p.kind));
    if (foreign) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `"${foreign.kind}" is not a notification a user with the ${ctx.user.role} role gets.`,
      });
    }
    await savePreferences(ctx.db, ctx.organisationId, ctx.user.id, input.preferences);
    return { saved: input.preferences.length };
  }),

  webhook: router({
    get: adminProcedure.query(({ ctx }) => webhookView(ctx.db, ctx.organisationId)),

    /** Audited: the webhook sends what the organisation's people are told to another system. */
    set: adminProcedure.input(WebhookInput).mutation(async ({ ctx, input }) => {
      if (!input.secret && !(await webhookOf(ctx.db, ctx.organisationId))) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'Set a secret: the receiver checks each call’s signature with it.',
        });
      }
      await ctx.db.transaction().execute(async (trx) => {
        await saveWebhook(trx, ctx.organisationId, {
          url: input.url,
          enabled: input.enabled,
          secret: input.secret,
          updatedBy: ctx.user.id,
        });
        await writeAudit(trx, ctx.user, 'webhook.set', {
          url: input.url,
          enabled: input.enabled,
          secretChanged: input.secret !== undefined,
        });
      });
      return webhookView(ctx.db, ctx.organisationId);
    }),
  }),
});
