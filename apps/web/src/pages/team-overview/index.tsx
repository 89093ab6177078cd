import { TeamOverviewPanel } from '../../components/team-overview-panel.tsx';
import type { PageProps } from '../../routes.tsx';

/** Supervisors' and admins' start page: their agents, sortable, each linking to a scorecard. */
export function TeamOverviewPage({ me }: PageProps) {
  return <TeamOverviewPanel me={me} title="Team overview" />;
}
