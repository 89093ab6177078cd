import { z } from 'zod';
import { listAudit } from '../audit/audit.repository.ts';
import { adminProcedure, router } from '../trpc.ts';

export const AuditListInput = z.object({ limit: z.number().int().min(1).max(1_000).optional() }).optional();

export const auditRouter = router({
  /** The latest audit entries, newest first: who exported what, decided which dispute, changed which setting. */
  list: adminProcedure.input(AuditListInput).query(async ({ ctx, input }) => {
    const rows = await listAudit(ctx.db, ctx.organisationId, input?.limit);
    return rows.map((row) => ({
      id: Number(row.id),
      actor: row.actor,
      action: row.action,
      detail: row.detail,
      at: new Date(row.at).toISOString(),
    }));
  }),
});
