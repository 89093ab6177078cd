import { z } from 'zod';
import { adminProcedure, router } from '../trpc.ts';
import { uploadStatus } from '../uploads/uploads.repository.ts';
import { validInput } from './valid-input.ts';

export const UploadIdInput = z.object({ id: z.number().int().positive() });

/** Uploads themselves go through `POST /uploads` (server/upload-route.ts): a file is not JSON. */
export const uploadsRouter = router({
  /** Receiving and storing progress, then the summary or the error; null for an unknown id. */
  status: adminProcedure
    .input(validInput(UploadIdInput))
    .query(({ ctx, input }) => uploadStatus(ctx.db, ctx.organisationId, input.id)),
});
