import type { PageProps } from '../../app/page-props.ts';
import { TeamOverviewPanel } from './team-overview-panel.tsx';

/** Supervisors' and admins' start page: their agents, sortable, each linking to a scorecard. */
export function TeamOverviewPage({ me }: PageProps) {
  return <TeamOverviewPanel me={me} title="Team overview" />;
}
