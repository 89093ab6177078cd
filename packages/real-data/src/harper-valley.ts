import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { z } from 'zod';
import { convertWith, isoFromMs } from './converted.ts';

/**
 * Harper Valley Bank (Gridspace-Stanford) simulated bank calls: one transcript file (segments) and one
 * metadata file per call, both named by the call's `sid`. See `../shared/datasets/harper-valley-sample/`.
 *
 * Choices, each forced by a trap of the data:
 * - Turn times come from `start_timestamp_ms` (epoch ms) minus the call start, never from `start_ms`
 *   (the agent channel is shifted ~2 s in some calls) nor `offset_ms` (a per-call origin ~90 ms off the
 *   metadata's start). The call start is `start_time_ms`, or the first segment if one starts earlier.
 * - A segment whose corrected text holds only non-speech tags (`[noise]`, `[laughter]`, …) is not a turn:
 *   counted as speech, such blips become false interruptions and talk time. Tags inside speech are
 *   removed; `<unk>` (a word the transcriber could not make out) is speech and kept.
 * - The text is `human_transcript` (corrected), not the ASR `transcript`.
 * - The agent is the metadata's agent `speaker_id`: `agent_name` is a scripted persona that the same
 *   person plays under several names, and several people play, so it is left out.
 * - CSAT: the caller's `partner_rating` (1–10, how the caller rates the agent) in five equal bands,
 *   `ceil(rating / 2)`: 1–2 → 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5. The agent's rating of the caller
 *   is not a customer outcome and is ignored.
 */
export const HARPER_VALLEY_TEAM = 'harper-valley';

/** Segment text made only of these tags (after removing them nothing is left) is not speech. */
const NON_SPEECH_TAG = /\[[^\]]*\]/g;

const SegmentSchema = z.looseObject({
  speaker_role: z.enum(['agent', 'caller']),
  start_timestamp_ms: z.number().int().nonnegative(),
  start_ms: z.number().int().nonnegative().optional(),
  duration_ms: z.number().int().nonnegative(),
  human_transcript: z.string(),
});

const SurveySchema = z
  .looseObject({
    submit_time_ms: z.number().int().nonnegative().optional(),
    data: z.looseObject({ partner_rating: z.string().optional() }).optional(),
  })
  .optional();

const MetadataSchema = z.looseObject({
  sid: z.string().min(1),
  start_time_ms: z.number().int().nonnegative(),
  end_time_ms: z.number().int().nonnegative(),
  agent: z.looseObject({ speaker_id: z.union([z.number(), z.string()]) }),
  caller: z.looseObject({
    speaker_id: z.union([z.number(), z.string()]),
    metadata: z.looseObject({ 'first and last name': z.string().optional() }).optional(),
    survey_response: SurveySchema,
  }),
  tasks: z.array(z.looseObject({ task_type: z.string().optional() })).optional(),
});

export const HarperValleyCallSchema = z.object({
  transcript: z.array(SegmentSchema).min(1, 'expected at least one segment'),
  metadata: MetadataSchema,
});
export type HarperValleyCall = z.infer<typeof HarperValleyCallSchema>;
export type HarperValleySegment = z.infer<typeof SegmentSchema>;

/** The speech of a segment, or null when it holds only non-speech tags such as `[noise]`. */
export function speechOf(humanTranscript: string): string | null {
  const text = humanTranscript.replace(NON_SPEECH_TAG, ' ').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** A 1–10 partner rating in five equal bands of the 1–5 CSAT scale; null when absent or out of range. */
export function csatFromPartnerRating(rating: string | undefined): number | null {
  if (rating === undefined || !/^\d+$/.test(rating.trim())) return null;
  const value = Number(rating);
  return value >= 1 && value <= 10 ? Math.ceil(value / 2) : null;
}

/**
 * The two traps, as switches, only so that the report can show what they would cost; the defaults are
 * the right reading of the data.
 */
export interface HarperValleyOptions {
  /** Keep segments that are only `[noise]` as turns. */
  keepNonSpeech?: boolean;
  /** Time turns by each channel's own `start_ms` instead of `start_timestamp_ms`. */
  timeFrom?: 'start_timestamp_ms' | 'start_ms';
}

export function harperValleyToRecord(
  call: HarperValleyCall,
  options: HarperValleyOptions = {},
): ConversationRecord {
  const { transcript, metadata } = call;
  const callStart = Math.min(metadata.start_time_ms, ...transcript.map((s) => s.start_timestamp_ms));
  const callEnd = Math.max(
    metadata.end_time_ms,
    ...transcript.map((s) => s.start_timestamp_ms + s.duration_ms),
  );
  const turns = transcript.flatMap((segment) => {
    const text = options.keepNonSpeech ? segment.human_transcript : speechOf(segment.human_transcript);
    if (text === null) return [];
    const startMs =
      options.timeFrom === 'start_ms' ? channelStartMs(segment) : segment.start_timestamp_ms - callStart;
    return [
      {
        speaker: segment.speaker_role === 'agent' ? ('agent' as const) : ('customer' as const),
        text,
        startMs,
        endMs: startMs + segment.duration_ms,
      },
    ];
  });
  const rating = metadata.caller.survey_response;
  const csat = csatFromPartnerRating(rating?.data?.partner_rating);
  const task = metadata.tasks?.[0]?.task_type;
  return {
    id: `hvb-${metadata.sid}`,
    channel: 'voice',
    startedAt: isoFromMs(callStart),
    endedAt: isoFromMs(callEnd),
    agent: { id: `hvb-agent-${metadata.agent.speaker_id}`, team: HARPER_VALLEY_TEAM },
    customer: {
      id: `hvb-caller-${metadata.caller.speaker_id}`,
      name: metadata.caller.metadata?.['first and last name'] ?? null,
    },
    ...(task ? { queue: task } : {}),
    turns,
    ...(csat === null
      ? {}
      : {
          survey: {
            csat,
            ...(rating?.submit_time_ms === undefined ? {} : { at: isoFromMs(rating.submit_time_ms) }),
          },
        }),
  };
}

function channelStartMs(segment: HarperValleySegment): number {
  if (segment.start_ms === undefined) throw new Error('segment without start_ms');
  return segment.start_ms;
}

/** Validates one call's two files and converts them; the reason names the field when they do not fit. */
export function convertHarperValleyCall(
  transcript: unknown,
  metadata: unknown,
  options: HarperValleyOptions = {},
) {
  return convertWith(HarperValleyCallSchema, { transcript, metadata }, (call) =>
    harperValleyToRecord(call, options),
  );
}
