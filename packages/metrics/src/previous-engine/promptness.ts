import type { Channel } from './conversation.ts';
import type { ConversationView, TurnView } from './conversation-view.ts';
import { type Measure, measured, NOT_APPLICABLE, turnEvidence } from './measure.ts';
import { nearestRank } from './period.ts';

/** One response gap and the agent turn that closed it. */
export interface ResponseGap {
  gapMs: number;
  response: TurnView;
}

/**
 * Each maximal run of customer turns followed by an agent turn gives
 * `max(0, agentTurn.startMs − max(endMs of the run))`. Backchannels and connect-time greetings are
 * skipped, not responses: an "mm-hmm", or both sides talking at connect, neither closes the run nor
 * splits it.
 */
export function responseGaps(view: ConversationView): ResponseGap[] {
  const gaps: ResponseGap[] = [];
  let runEndMs: number | null = null;
  for (const turn of view.turns) {
    if (turn.speaker === 'customer') {
      runEndMs = Math.max(runEndMs ?? turn.endMs, turn.endMs);
    } else if (isResponse(turn) && runEndMs !== null) {
      gaps.push({ gapMs: Math.max(0, turn.startMs - runEndMs), response: turn });
      runEndMs = null;
    }
  }
  return gaps;
}

/** "Respond promptly": time from the customer's opening turn to the agent's first real response. */
export function firstResponseMs(view: ConversationView): Measure {
  const [opening] = view.turns;
  if (opening?.speaker !== 'customer') return NOT_APPLICABLE;
  const firstResponse = view.agentTurns.find(isResponse);
  return firstResponse ? measured(firstResponse.startMs - opening.startMs, 1) : NOT_APPLICABLE;
}

/** "Respond promptly": pooled mean of the response gaps. */
export function responseTimeMs(view: ConversationView): Measure {
  const gaps = responseGaps(view);
  if (gaps.length === 0) return NOT_APPLICABLE;
  return measured(
    gaps.reduce((sum, g) => sum + g.gapMs, 0),
    gaps.length,
  );
}

/**
 * "Respond promptly": nearest-rank 90th percentile of the gaps. Over a period it is taken on the pooled
 * `responseGapsMs`, never from these per-conversation fractions.
 */
export function responseTimeP90Ms(view: ConversationView): Measure {
  const p90 = nearestRank(
    responseGaps(view).map((g) => g.gapMs),
    0.9,
  );
  return p90 === null ? NOT_APPLICABLE : measured(p90, 1);
}

/** "Provide prompt solutions": share of response gaps at or under the channel's target; late ones are evidence. */
export function responseWithinTargetRate(view: ConversationView): Measure {
  const gaps = responseGaps(view);
  if (gaps.length === 0) return NOT_APPLICABLE;
  const targetMs = responseTargetMs(view, view.conversation.channel);
  const late = gaps.filter((g) => g.gapMs > targetMs);
  return measured(
    gaps.length - late.length,
    gaps.length,
    late.map((g) => turnEvidence('responseWithinTargetRate', g.response)),
  );
}

/** "Provide prompt solutions": `endedAt − startedAt`. */
export function handleTimeMs(view: ConversationView): Measure {
  const ms = Date.parse(view.conversation.endedAt) - Date.parse(view.conversation.startedAt);
  return Number.isFinite(ms) ? measured(ms, 1) : NOT_APPLICABLE;
}

/** An agent turn that answers: not an acknowledgement, not a greeting spoken over the connect. */
function isResponse(turn: TurnView): boolean {
  return !turn.isBackchannel && !turn.isConnectGreeting;
}

/** A silence counts as non-talk time when it is longer than this (METRICS.md, as Contact Lens). */
const NON_TALK_MIN_MS = 3_000;

/**
 * "Respond promptly", on the phone: the share of the call between the first turn's start and the last
 * turn's end in which neither side talks, counting only stretches longer than 3 s. Pooled over voice
 * conversations: Σ non-talk ms / Σ (last end − first start).
 */
export function nonTalkTimeShare(view: ConversationView): Measure {
  if (view.conversation.channel !== 'voice' || view.turns.length === 0) return NOT_APPLICABLE;
  const spans = view.turns
    .map((t) => [t.startMs, Math.max(t.startMs, t.endMs)] as const)
    .sort((a, b) => a[0] - b[0]);
  const firstStart = spans[0]?.[0] ?? 0;
  let coveredUntil = firstStart;
  let silentMs = 0;
  for (const [start, end] of spans) {
    if (start - coveredUntil > NON_TALK_MIN_MS) silentMs += start - coveredUntil;
    coveredUntil = Math.max(coveredUntil, end);
  }
  const spanMs = coveredUntil - firstStart;
  return spanMs > 0 ? measured(silentMs, spanMs) : NOT_APPLICABLE;
}

function responseTargetMs(view: ConversationView, channel: Channel): number {
  return view.options.responseTargetsMs[channel];
}
