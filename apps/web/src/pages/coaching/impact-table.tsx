import { formatMetric } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { metricLabel, metricUnit } from '../../lib/metrics.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Impact = RouterOutputs['coaching']['impact'];

const VERDICTS: Record<Impact['metrics'][number]['verdict'], string> = {
  improved: '✓ improved',
  worsened: '✗ worsened',
  'no clear change': '– no clear change',
};

/** Container for coaching.impact: each focus metric in the weeks before the session and after it. */
export function ImpactTable({ sessionId }: { sessionId: number }) {
  const trpc = useTRPC();
  const impact = useQuery(trpc.coaching.impact.queryOptions({ id: sessionId }));
  if (impact.isPending) return <Loading>Comparing before and after…</Loading>;
  if (impact.isError) return <QueryError error={impact.error} what="the before and after" />;
  return <ImpactView impact={impact.data} />;
}

/** Renders only. A change counts as improved or worsened only when it is larger than the noise. */
export function ImpactView({ impact }: { impact: Impact }) {
  const first = impact.metrics[0];
  return (
    <div className="table-wrap impact">
      <table className="data-table">
        <caption>
          Before and after
          {first && (
            <span className="muted">
              {' '}
              ({formatDay(first.before.from)} – {formatDay(first.before.to)} against{' '}
              {first.after.days > 0
                ? `${formatDay(first.after.from)} – ${formatDay(first.after.to)}`
                : 'no days yet'}
              )
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">Focus metric</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              After
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {impact.metrics.map((m) => {
            const unit = metricUnit(m.metricId);
            return (
              <tr key={m.metricId}>
                <th scope="row">{metricLabel(m.metricId)}</th>
                <td className="num">
                  {formatMetric(m.before.value, unit)} <span className="muted">(n {m.before.n})</span>
                </td>
                <td className="num">
                  {m.after.days === 0 ? 'not yet' : formatMetric(m.after.value, unit)}{' '}
                  <span className="muted">(n {m.after.n})</span>
                </td>
                <td className="num">
                  {m.difference === null
                    ? 'no data'
                    : `${m.difference > 0 ? '+' : m.difference < 0 ? '−' : ''}${formatMetric(Math.abs(m.difference), unit)}`}
                </td>
                <td>
                  {VERDICTS[m.verdict]}
                  {m.better === null && <span className="muted"> (context metric)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
