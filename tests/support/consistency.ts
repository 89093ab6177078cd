import type { DatabaseHandle } from '@rapport/api/db/connect.ts';
import { sql } from 'kysely';

/**
 * What must hold after any mix of ingests, recomputes and crashes: every stored conversation has all
 * its turns (as many as its facts say were scored: `turns` rows are counted against the talk-ratio
 * denominator's source, the turn list) and exactly one facts row, and every rollup row equals the sum
 * of the facts it covers. Returns the problems found, empty when all is consistent.
 */
export async function inconsistencies(handle: DatabaseHandle): Promise<string[]> {
  const problems: string[] = [];
  const { rows: withoutFacts } = await sql<{ id: string }>`
    SELECT c.id FROM conversations c
    LEFT JOIN conversation_metrics m ON m.organisation_id = c.organisation_id AND m.conversation_id = c.id
    WHERE m.conversation_id IS NULL`.execute(handle.db);
  for (const r of withoutFacts) problems.push(`conversation ${r.id} has no facts`);
  const { rows: orphans } = await sql<{ id: string; t: string }>`
    SELECT conversation_id AS id, 'facts' AS t FROM conversation_metrics m
      WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id)
    UNION ALL SELECT DISTINCT conversation_id, 'turns' FROM turns t
      WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = t.conversation_id)`.execute(handle.db);
  for (const r of orphans) problems.push(`${r.t} of missing conversation ${r.id}`);
  // Turns are stored 0…n-1: a gap or a missing tail shows as max(idx) + 1 ≠ count.
  const { rows: partial } = await sql<{ id: string }>`
    SELECT c.id FROM conversations c LEFT JOIN turns t ON t.organisation_id = c.organisation_id AND t.conversation_id = c.id
    GROUP BY c.id HAVING count(t.idx) = 0 OR max(t.idx) + 1 <> count(t.idx)`.execute(handle.db);
  for (const r of partial) problems.push(`conversation ${r.id} has a partial turn list`);
  const { rows: rollups } = await sql<{ key: string; rolled: number | null; summed: number | null }>`
    WITH facts AS (
      SELECT organisation_id, team_id, agent_id, day, channel, queue, count(*)::int AS n FROM conversation_metrics
      GROUP BY organisation_id, team_id, agent_id, day, channel, queue
    )
    SELECT concat_ws('/', coalesce(d.agent_id, f.agent_id), coalesce(d.day, f.day)::text) AS key,
      d.conversations::int AS rolled, f.n AS summed
    FROM agent_day d FULL JOIN facts f ON f.organisation_id = d.organisation_id AND f.team_id = d.team_id
      AND f.agent_id = d.agent_id AND f.day = d.day AND f.channel = d.channel AND f.queue = d.queue
    WHERE d.conversations IS DISTINCT FROM f.n`.execute(handle.db);
  for (const r of rollups) problems.push(`rollup ${r.key}: ${r.rolled} conversations, facts ${r.summed}`);
  return problems;
}
