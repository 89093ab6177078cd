export { ATTENTION_RULE, attentionScore, WORSENING_FACTOR } from './attention.ts';
export {
  bootstrapChange,
  CHANGE_CONFIDENCE,
  CHANGE_RESAMPLES,
  type ChangeOptions,
  fractionChange,
  type MetricChange,
  MIN_CHANGE_SAMPLE,
  quantile,
  ratioOfSums,
  seededRandom,
} from './change.ts';
export { type CoachingEvidence, MAX_EVIDENCE, selectEvidence } from './evidence.ts';
export {
  type AgentCoachingValues,
  type AssessmentChannel,
  assessMetric,
  type ChannelCoachingInput,
  type CoachingEvidenceCandidates,
  type CoachingInput,
  type CoachingOpportunity,
  type CoachingSample,
  findOpportunities,
  type MetricAssessment,
  MIN_CONVERSATIONS,
  MIN_PEERS,
  TEAM_FLAG_Z,
  type WeeklyCoachingValues,
} from './opportunities.ts';
export {
  isPeerSample,
  type MemberTotals,
  type PeerMedian,
  type PeerSample,
  peerMedian,
  peerMedians,
  peerValues,
} from './peers.ts';
export {
  MAD_TO_SIGMA,
  MEAN_ABSOLUTE_DEVIATION_TO_SIGMA,
  median,
  type RobustSpread,
  robustSpread,
  robustZ,
} from './robust.ts';
export { METRIC_SEED_RULES } from './seed-rules.ts';
export {
  type CoachingConfig,
  type CoachingDirection,
  type CoachingTarget,
  channelTarget,
  coachingDirection,
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  missesTarget,
  type ResolvedCoachingConfig,
  type ResponseTargets,
  resolveCoachingConfig,
  targetGap,
} from './targets.ts';
export {
  type CoachingTrend,
  type CoachingWeek,
  MIN_TREND_WEEKS,
  TREND_BAND_PER_WEEK,
  TREND_WEEKS,
  type TrendResult,
  weeklyTrend,
} from './trend.ts';
