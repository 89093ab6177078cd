import { METRICS, type MetricId } from '@rapport/metrics/catalog';
import { METRIC_GROUPS } from '../../lib/metrics.ts';

/**
 * Which metrics the table shows, chosen per group of the registry; every metric of the registry may be
 * chosen. At least one stays chosen. Durations appear once per channel unless a channel is chosen.
 */
export function ColumnPicker({
  chosen,
  onChange,
}: {
  chosen: readonly MetricId[];
  onChange: (next: MetricId[]) => void;
}) {
  const set = new Set(chosen);
  const toggle = (id: MetricId, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    // Registry order, so a view's URL does not depend on the order of the clicks.
    onChange(METRICS.map((m) => m.id).filter((m) => next.has(m)));
  };
  return (
    <details className="column-picker">
      <summary>Columns ({chosen.length} metrics)</summary>
      <div className="column-groups">
        {METRIC_GROUPS.map((g) => (
          <fieldset key={g.id}>
            <legend>{g.title}</legend>
            {METRICS.filter((m) => m.group === g.id).map((m) => (
              <label key={m.id}>
                <input
                  type="checkbox"
                  name="column"
                  value={m.id}
                  checked={set.has(m.id)}
                  disabled={set.has(m.id) && set.size === 1}
                  onChange={(e) => toggle(m.id, e.target.checked)}
                />{' '}
                {m.label}
                {m.unit === 'ms' && <span className="muted"> (per channel)</span>}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </details>
  );
}
