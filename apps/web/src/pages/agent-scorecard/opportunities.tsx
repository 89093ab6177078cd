import { describePeerMedian, formatMetric, formatTarget, NO_DATA } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { Me, MetricId, MetricUnit, Opportunity } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { CoachingForm } from './coaching-form.tsx';
import { type Channel, drillHref } from './drill-link.ts';

const TREND_WORDS: Record<Opportunity['trend'], string> = {
  improving: '↗ improving',
  steady: '→ steady',
  worsening: '↘ worsening',
  'not enough data': 'trend: not enough data',
};

/** One opportunity among the agent's: a time metric appears once per channel. */
const opportunityKey = (o: Pick<Opportunity, 'metricId' | 'channel'>) => `${o.metricId}:${o.channel ?? ''}`;

/**
 * Container: the ranked opportunities of agents.opportunities, with loading, error and empty states;
 * with a channel chosen, the time metrics are that channel's only (the scorecard's own input).
 */
export function OpportunitiesSection({
  me,
  agentId,
  agentName,
  period,
  channel,
  units,
}: {
  me: Me;
  agentId: string;
  agentName: string;
  period: { from?: string | undefined; to?: string | undefined };
  channel: Channel | null;
  units: ReadonlyMap<MetricId, MetricUnit>;
}) {
  const trpc = useTRPC();
  const opportunities = useQuery(
    trpc.agents.opportunities.queryOptions({ agentId, ...period, channel: channel ?? undefined }),
  );
  const [planning, setPlanning] = useState<Opportunity | null>(null);
  const canCoach = me.role === 'supervisor' || me.role === 'admin';
  // A coaching session focuses on behaviours: a response time slow on two channels is one choice.
  const choices = [...new Set(opportunities.data?.opportunities.map((o) => o.metricId) ?? [])];
  return (
    <section id="opportunities" className="opportunities" aria-labelledby="opportunities-title">
      <h2 id="opportunities-title">Coaching opportunities</h2>
      {opportunities.isPending && <Loading>Looking for coaching opportunities…</Loading>}
      {opportunities.isError && (
        <QueryError
          error={opportunities.error}
          what="the coaching opportunities"
          onRetry={() => opportunities.refetch()}
        />
      )}
      {opportunities.data && opportunities.data.opportunities.length === 0 && (
        <Empty>
          No coaching opportunities in this period: no metric is worse than the team by one robust unit or
          misses its target (metrics with fewer than 5 conversations are never flagged).
        </Empty>
      )}
      {opportunities.data && opportunities.data.opportunities.length > 0 && (
        <OpportunityList
          opportunities={opportunities.data.opportunities}
          drill={(o) =>
            drillHref({ agentId, metric: o.metricId, ...opportunities.data.period, channel: o.channel })
          }
          units={units}
          canOpenConversations={me.role !== 'hr'}
          onPlan={canCoach ? setPlanning : undefined}
          planning={
            planning && {
              key: opportunityKey(planning),
              form: (
                <CoachingForm
                  agentId={agentId}
                  agentName={agentName}
                  choices={choices}
                  initial={planning.metricId}
                  onClose={() => setPlanning(null)}
                />
              ),
            }
          }
        />
      )}
    </section>
  );
}

/** Renders only: each opportunity with its numbers, rule, trend and up to three quoted pieces of evidence. */
export function OpportunityList({
  opportunities,
  drill,
  units,
  canOpenConversations,
  onPlan,
  planning,
}: {
  opportunities: readonly Opportunity[];
  /** The conversations behind an opportunity's value (a time metric's on its channel). */
  drill: (opportunity: Opportunity) => string;
  units: ReadonlyMap<MetricId, MetricUnit>;
  canOpenConversations: boolean;
  /** Supervisors and admins: start a coaching session from an opportunity. */
  onPlan?: ((opportunity: Opportunity) => void) | undefined;
  /** The open coaching form, shown in the opportunity it was started from. */
  planning?: { key: string; form: ReactNode } | null | undefined;
}) {
  return (
    <ol className="opportunity-list">
      {opportunities.map((o) => {
        const unit = units.get(o.metricId) ?? 'score';
        return (
          <li
            key={opportunityKey(o)}
            className="card opportunity"
            data-metric={o.metricId}
            data-channel={o.channel ?? undefined}
          >
            <h3>{o.label}</h3>
            <p className="opportunity-badges">
              {o.worseThanTeam && <span className="badge badge-warn">worse than the team</span>}
              {o.missesTarget && <span className="badge badge-warn">misses target</span>}
              <span className="badge">{TREND_WORDS[o.trend]}</span>
            </p>
            <p>
              {canOpenConversations ? (
                <Link to={drill(o)} className="drill" title="Open the conversations behind this value">
                  <strong>{formatMetric(o.value, unit)}</strong> over {o.n.toLocaleString()} conversations
                </Link>
              ) : (
                <>
                  <strong>{formatMetric(o.value, unit)}</strong> over {o.n.toLocaleString()} conversations
                </>
              )}{' '}
              · team median {o.teamMedian === null ? NO_DATA : formatMetric(o.teamMedian, unit)}{' '}
              <span className="muted peer-set">
                ({describePeerMedian({ peers: o.peerCount, minConversations: o.peerMinConversations })})
              </span>{' '}
              · target {formatTarget(o.target, unit)}
            </p>
            <blockquote className="seed-quote">
              “{o.rule.quote}”{' '}
              <cite>
                — {o.rule.name}, {o.rule.seed}
              </cite>
            </blockquote>
            {o.evidence.length > 0 && (
              <>
                <h4>Evidence</h4>
                <ul className="evidence-list">
                  {o.evidence.map((e, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: HR's evidence has no id, and the list never reorders
                    <li key={index}>
                      {e.text === null ? (
                        <span className="muted">A whole turn (not quoted)</span>
                      ) : (
                        <q>{e.text}</q>
                      )}
                      {e.suggestion && (
                        <span className="suggestion">
                          {' '}
                          Try: <q>{e.suggestion}</q>
                        </span>
                      )}{' '}
                      {'conversationId' in e && (
                        <>
                          <span className="muted">
                            {e.at ? formatDateTime(e.at) : ''} · turn {e.turnIndex + 1}
                          </span>{' '}
                          {canOpenConversations ? (
                            <Link
                              to={`/conversations/${encodeURIComponent(e.conversationId)}#turn-${e.turnIndex}`}
                            >
                              Open conversation {e.conversationId}
                            </Link>
                          ) : (
                            <span className="muted">conversation {e.conversationId}</span>
                          )}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {planning?.key === opportunityKey(o)
              ? planning.form
              : onPlan && (
                  <div className="opportunity-actions">
                    <button type="button" onClick={() => onPlan(o)}>
                      Plan coaching<span className="visually-hidden"> on {o.label.toLowerCase()}</span>
                    </button>
                  </div>
                )}
          </li>
        );
      })}
    </ol>
  );
}
