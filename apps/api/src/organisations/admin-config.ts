import {
  DEFAULT_ENGINE_OPTIONS,
  DEFAULT_LEXICONS,
  DEFAULT_TARGETS,
  DEFAULT_WEIGHTS,
  type LexiconEntry,
  type LexiconId,
  resolveCoachingConfig,
  type SeedRule,
} from '@rapport/metrics';
import type { ConfigPatch, OrganisationConfig } from './config.repository.ts';

/**
 * The configuration as an admin screen needs it: what is in force, what the organisation changed,
 * and Rapport's defaults (with each lexicon's seed rule) so that a setting can be compared with
 * or put back to its default.
 */
export function adminConfigView(config: OrganisationConfig) {
  const resolved = resolveCoachingConfig(config.coaching);
  const lexiconIds = Object.keys(DEFAULT_LEXICONS) as LexiconId[];
  return {
    effective: {
      targets: resolved.targets,
      weights: resolved.weights,
      responseTargetsMs: config.responseTargetsMs,
      lexicons: Object.fromEntries(
        lexiconIds.map((id) => {
          const custom = config.lexicons[id];
          const exceptions = config.exceptions[id];
          return [
            id,
            {
              entries: custom ?? DEFAULT_LEXICONS[id].entries,
              custom: custom !== undefined,
              exceptions: exceptions ?? DEFAULT_LEXICONS[id].exceptions,
              customExceptions: exceptions !== undefined,
            },
          ];
        }),
      ) as Record<
        LexiconId,
        {
          entries: readonly LexiconEntry[];
          custom: boolean;
          exceptions: readonly string[];
          customExceptions: boolean;
        }
      >,
      scripts: config.scripts,
    },
    /** Only what the organisation set; a `null` target removes the default one. */
    overrides: {
      targets: config.coaching.targets ?? {},
      weights: config.coaching.weights ?? {},
      lexicons: config.lexicons,
      exceptions: config.exceptions,
    },
    defaults: {
      targets: DEFAULT_TARGETS,
      weights: DEFAULT_WEIGHTS,
      responseTargetsMs: DEFAULT_ENGINE_OPTIONS.responseTargetsMs,
      lexicons: Object.fromEntries(
        lexiconIds.map((id) => [
          id,
          {
            rule: DEFAULT_LEXICONS[id].rule,
            entries: DEFAULT_LEXICONS[id].entries,
            exceptions: DEFAULT_LEXICONS[id].exceptions,
          },
        ]),
      ) as Record<
        LexiconId,
        { rule: SeedRule; entries: readonly LexiconEntry[]; exceptions: readonly string[] }
      >,
    },
  };
}
export type AdminConfigView = ReturnType<typeof adminConfigView>;

/**
 * Why the patch cannot be applied, or null: a target or weight on a metric that has no better
 * direction, or a target whose direction contradicts the metric's. ConfigPatch checks the shape;
 * this checks the merged coaching settings the way every scorecard will read them.
 */
export function coachingProblem(config: OrganisationConfig, patch: ConfigPatch): string | null {
  try {
    resolveCoachingConfig({
      targets: { ...config.coaching.targets, ...patch.targets },
      weights: { ...config.coaching.weights, ...patch.weights },
    });
    return null;
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}
