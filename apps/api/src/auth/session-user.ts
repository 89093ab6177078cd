import type { Role } from '../users/role.ts';

/** Who is calling, as the API sees it for every request. */
export interface SessionUser {
  id: number;
  organisationId: string;
  email: string;
  role: Role;
  /** A supervisor's team; an agent's own team (for team medians). */
  teamId: string | null;
  /** The agent an agent user is. */
  agentId: string | null;
}
