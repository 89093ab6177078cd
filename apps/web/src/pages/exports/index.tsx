import { useQuery } from '@tanstack/react-query';
import type { PageProps } from '../../app/page-props.ts';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterInputs } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';

type ExportKind = RouterInputs['exports']['prepare']['kind'];

const KINDS: { kind: ExportKind; title: string; description: string; format: string }[] = [
  {
    kind: 'agents.csv',
    title: 'Agent scorecards',
    format: 'CSV',
    description: 'One row per agent with every metric, its n and the team median: for spreadsheets.',
  },
  {
    kind: 'conversations.csv',
    title: 'Conversations',
    format: 'CSV',
    description: 'One row per conversation with its metric values.',
  },
  {
    kind: 'review.pdf',
    title: 'Review packet',
    format: 'PDF',
    description: 'Scorecards with team medians, targets and coaching opportunities: for the review meeting.',
  },
];

/**
 * `/exports`: pick a period and a team, then download. Each link is prepared by exports.prepare (the same
 * access check as the download itself); the download is an ordinary link to the URL it returns, and the
 * server records every export in the audit log.
 */
export function ExportsPage({ me }: PageProps) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const chosen = {
    teamId: search.get('team') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
  };
  const update = (next: typeof chosen) =>
    navigate(withQuery(pathname, { team: next.teamId, from: next.from, to: next.to }), { replace: true });
  // The default period and the team names come from the overview the caller may already see.
  const overview = useQuery(trpc.teams.overview.queryOptions({}));

  if (overview.isPending)
    return (
      <>
        <h1>Exports</h1>
        <Loading>Loading teams and periods…</Loading>
      </>
    );
  if (overview.isError)
    return (
      <>
        <h1>Exports</h1>
        <QueryError error={overview.error} what="the teams" onRetry={() => overview.refetch()} />
      </>
    );
  // The server offers a supervisor only their own team.
  const teams = overview.data.teams;
  const period = { from: chosen.from ?? overview.data.period.from, to: chosen.to ?? overview.data.period.to };
  const teamId = me.role === 'supervisor' ? (chosen.teamId ?? me.teamId ?? undefined) : chosen.teamId;
  return (
    <section aria-labelledby="exports-title">
      <h1 id="exports-title">Exports</h1>
      <p className="lead">
        Review packets for a period. Every download is recorded in the audit log with your name.
      </p>
      <form className="filters card" onSubmit={(e) => e.preventDefault()} aria-label="What to export">
        <label>
          Team{' '}
          <select
            value={teamId ?? ''}
            onChange={(e) => update({ ...chosen, teamId: e.target.value || undefined })}
          >
            {me.role !== 'supervisor' && <option value="">All teams</option>}
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <PeriodPicker value={chosen} resolved={period} onChange={(p) => update({ ...chosen, ...p })} />
      </form>
      <p className="period">
        {formatDay(period.from)} – {formatDay(period.to)} ·{' '}
        {teamId ? (teams.find((t) => t.id === teamId)?.name ?? teamId) : 'all teams'}
      </p>
      <ul className="export-list">
        {KINDS.map((k) => (
          <ExportItem key={k.kind} {...k} request={{ kind: k.kind, ...period, teamId }} />
        ))}
      </ul>
    </section>
  );
}

/** One export: prepared for the current choice, then an ordinary download link (keyboard, new tab, all work). */
function ExportItem({
  title,
  description,
  format,
  request,
}: {
  title: string;
  description: string;
  format: string;
  request: RouterInputs['exports']['prepare'];
}) {
  const trpc = useTRPC();
  const prepared = useQuery({ ...trpc.exports.prepare.queryOptions(request), staleTime: 0 });
  return (
    <li className="card export-item">
      <h2>
        {title} <span className="badge">{format}</span>
      </h2>
      <p>{description}</p>
      {prepared.isPending && <Loading>Preparing…</Loading>}
      {prepared.isError && <QueryError error={prepared.error} what={`the ${title.toLowerCase()} export`} />}
      {prepared.data && (
        <>
          <a className="button" href={prepared.data.url} download={prepared.data.fileName}>
            Download {format}
            <span className="visually-hidden"> of {title.toLowerCase()}</span>
          </a>
          <p className="file-name muted">{prepared.data.fileName}</p>
        </>
      )}
    </li>
  );
}
