import { METRICS, type MetricId } from '../catalog.ts';
import type { SeedRule } from '../lexicons/types.ts';

/**
 * For every metric, the sentence of a seed document (`shared/seeds/`) that states the rule it measures,
 * quoted verbatim with the file it comes from (the registry, catalog.ts, holds them). A coaching
 * opportunity shows it so the agent reads the rule itself rather than a number.
 */
export const METRIC_SEED_RULES: Readonly<Record<MetricId, SeedRule>> = Object.fromEntries(
  METRICS.map((m) => [m.id, m.seed]),
) as Record<MetricId, SeedRule>;
