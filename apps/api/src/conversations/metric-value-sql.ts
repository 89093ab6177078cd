import { type MetricId, metricDefinition } from '@rapport/metrics';
import { type RawBuilder, sql } from 'kysely';
import { metricColumns } from '../db/metric-columns.ts';

/**
 * One conversation's own value of a metric in SQL, over `conversation_metrics as m`, and the condition
 * under which it has one: the conversations behind an agent's period value. It is the value of the
 * conversations CSV (conversationMetricValue): num / den where the metric applied; the nearest-rank
 * 90th percentile of its own response gaps (percentile_disc is nearest-rank); and for conversations per
 * active day, the agent's conversations that day on the same channel filter — what the day adds to the
 * period's figure.
 */
export function conversationValueSql(
  id: MetricId,
  channel: string | undefined,
): { value: RawBuilder<number | null>; applies: RawBuilder<boolean> } {
  if (id === 'responseTimeP90Ms') {
    return {
      value: sql`(SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY g)::float8 FROM unnest(m.response_gaps) g)`,
      applies: sql`cardinality(m.response_gaps) > 0`,
    };
  }
  if (metricDefinition(id).aggregate === 'perActiveDay') {
    return {
      value: sql`(SELECT sum(d.conversations)::float8 FROM agent_day d
        WHERE d.organisation_id = m.organisation_id AND d.agent_id = m.agent_id AND d.day = m.day
        ${channel ? sql`AND d.channel = ${channel}` : sql``})`,
      applies: sql`true`,
    };
  }
  const c = metricColumns(id);
  return {
    value: sql`(m.${sql.ref(c.num)} / nullif(m.${sql.ref(c.den)}, 0))::float8`,
    applies: sql`m.${sql.ref(c.den)} > 0`,
  };
}
