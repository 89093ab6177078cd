import { DEMO_DEFAULTS, generateDemo } from '@rapport/demo/generate.ts';
import { describe, expect, test } from 'vitest';
import { ConversationSchema } from '../ingest/record.ts';

describe('the demo generator writes interaction logs the ingest accepts', () => {
  test('every record of the default dataset passes the log schema', () => {
    let count = 0;
    const invalid: string[] = [];
    for (const record of generateDemo({})) {
      count++;
      const parsed = ConversationSchema.safeParse(record);
      if (!parsed.success && invalid.length < 3) invalid.push(`${record.id}: ${parsed.error.message}`);
    }
    expect(count).toBe(DEMO_DEFAULTS.conversations);
    expect(invalid).toEqual([]);
  });

  test.each([0, 1, 37, 1234])('and so does each of %i conversations of another seed', (n) => {
    for (const record of generateDemo({ conversations: n, seed: n })) {
      expect(ConversationSchema.safeParse(record).success).toBe(true);
    }
  });
});
