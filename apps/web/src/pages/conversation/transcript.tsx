import { formatOffset } from '@rapport/metrics/format';
import { Fragment, type ReactNode } from 'react';
import type { ConversationDetail } from '../../lib/api-types.ts';
import { findHits, type SearchHit, segmentText } from '../../lib/highlight.ts';
import { creditLabel, evidenceLabel } from '../../lib/metrics.ts';

type Turn = ConversationDetail['turns'][number];
export type Evidence = ConversationDetail['evidence'][number];

const isEvidence = (span: Evidence | SearchHit): span is Evidence => !('hit' in span);

const SPEAKERS: Record<string, string> = { agent: 'Agent', customer: 'Customer', system: 'System' };

/**
 * Renders only: each turn with its speaker and time; every scored span wrapped in <mark> and followed
 * by what it counted as, in words: a flag by the metric's name (and the suggested rewording where there
 * is one), a credit by "✓ Counts for the agent: …" in its own style, so that the meaning never rests
 * on the highlight colour.
 */
export function Transcript({
  turns,
  evidence,
  flagAction,
  turnFooter,
  searched,
}: {
  turns: readonly Turn[];
  evidence: readonly Evidence[];
  /** The words the conversation was found by: highlighted wherever they occur. */
  searched?: string | undefined;
  /** Shown after a flag's label (an agent's "Dispute" button, a dispute's status). */
  flagAction?: (flag: Evidence) => ReactNode;
  /** Shown under a turn's text (the dispute form of one of its flags). */
  turnFooter?: (turnIndex: number) => ReactNode;
}) {
  const byTurn = new Map<number, Evidence[]>();
  for (const e of evidence) byTurn.set(e.turnIndex, [...(byTurn.get(e.turnIndex) ?? []), e]);
  if (turns.length === 0) return <p className="empty">This conversation has no turns.</p>;
  return (
    <ol className="transcript">
      {turns.map((turn) => {
        const flags = byTurn.get(turn.index) ?? [];
        const flagged = flags.some((e) => e.kind !== 'credit');
        return (
          <li
            key={turn.index}
            id={`turn-${turn.index}`}
            tabIndex={-1}
            className={`turn turn-${turn.speaker}${flagged ? ' turn-flagged' : ''}`}
          >
            <div className="turn-meta">
              <span className="speaker">{SPEAKERS[turn.speaker] ?? turn.speaker}</span>{' '}
              <span className="muted">
                {formatOffset(turn.startMs)}
                {turn.endMs !== null && turn.endMs > turn.startMs && `–${formatOffset(turn.endMs)}`}
              </span>
            </div>
            <p className="turn-text">
              {segmentText<Evidence | SearchHit>(turn.text, [...flags, ...findHits(turn.text, searched)]).map(
                (segment) => {
                  const covering = segment.covering.filter(isEvidence);
                  const hit = segment.covering.length > covering.length;
                  const text = hit ? <mark className="search-hit">{segment.text}</mark> : segment.text;
                  return (
                    <span key={segment.start}>
                      {covering.length > 0 ? (
                        <mark
                          className={covering.every((e) => e.kind === 'credit') ? 'credit' : undefined}
                          data-metric={covering.map((e) => e.metric).join(' ')}
                        >
                          {text}
                        </mark>
                      ) : (
                        text
                      )}
                      {segment.ending.filter(isEvidence).map((e) =>
                        e.kind === 'credit' ? (
                          <span
                            key={e.index}
                            className="credit-label"
                            data-metric={e.metric}
                            data-kind="credit"
                          >
                            <span aria-hidden="true">✓ </span>Counts for the agent: {creditLabel(e.metric)}
                          </span>
                        ) : (
                          <Fragment key={e.index}>
                            <span className="flag-label" data-metric={e.metric} data-kind={e.kind}>
                              {evidenceLabel(e.metric)}
                              {e.suggestion && (
                                <span className="flag-suggestion"> — try: “{e.suggestion}”</span>
                              )}
                            </span>
                            {flagAction?.(e)}
                          </Fragment>
                        ),
                      )}
                    </span>
                  );
                },
              )}
            </p>
            {turnFooter?.(turn.index)}
          </li>
        );
      })}
    </ol>
  );
}
