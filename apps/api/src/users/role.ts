import { z } from 'zod';

/** Who a user is to Rapport (DESIGN.md's roles): what they may read and do follows from it. */
export const Role = z.enum(['agent', 'supervisor', 'hr', 'admin']);
export type Role = z.infer<typeof Role>;
