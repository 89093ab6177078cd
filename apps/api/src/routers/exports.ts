import { authorizeExport } from '../exports/export-access.ts';
import { ExportRequest, exportDownloadUrl, exportFileName } from '../exports/export-request.ts';
import { procedureFor, router } from '../trpc.ts';

export const exportsRouter = router({
  /**
   * Checks an export request with the same access rule as the download itself and returns where to
   * download it: the file comes from `GET /exports/<kind>` (tRPC answers JSON), which writes the audit entry.
   */
  prepare: procedureFor('supervisor', 'hr', 'admin')
    .input(ExportRequest)
    .query(async ({ ctx, input }) => {
      const scope = await authorizeExport(ctx.db, ctx.user, input);
      return { url: exportDownloadUrl(input), fileName: exportFileName(scope), kind: scope.kind };
    }),
});
