import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { METRICS } from '../catalog.ts';
import { METRIC_SEED_RULES } from './seed-rules.ts';

/** The seed documents sit beside the repository (`../shared/seeds/`), as in CI. */
const SEEDS = fileURLToPath(new URL('../../../../../shared/seeds/', import.meta.url));

describe('METRIC_SEED_RULES', () => {
  test('the seed documents are there to check against', () => {
    expect(existsSync(SEEDS)).toBe(true);
  });

  test.each(METRICS.map((m) => [m.id, METRIC_SEED_RULES[m.id]] as const))(
    '%s quotes its seed verbatim',
    (_, rule) => {
      expect(readFileSync(`${SEEDS}${rule.seed}`, 'utf8')).toContain(rule.quote);
    },
  );
});
