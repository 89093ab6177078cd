import type { PageProps } from '../../app/page-props.ts';
import { Link } from '../../lib/router.ts';
import { TeamOverviewPanel } from '../team-overview/team-overview-panel.tsx';

/** HR's start page: every team's scorecards for a period, and the way to the review exports. */
export function HrPage({ me }: PageProps) {
  return (
    <TeamOverviewPanel
      me={me}
      title="HR overview"
      intro={
        <p className="lead">
          Scorecards of every team for a period. Open an agent for the full scorecard, or{' '}
          <Link to="/exports">export review packets (CSV, PDF)</Link>.
        </p>
      }
    />
  );
}
