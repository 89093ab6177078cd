import { type DemoOptions, generateDemo } from '@rapport/demo/generate.ts';
import type { ConversationRecord } from '../ingest/record.ts';

/**
 * The demo generator's conversations (packages/demo) as the ingest takes them. The generator speaks
 * the log format's own types; demo-records.test.ts proves that every record passes the log schema, so
 * a demo load does not parse each one again.
 */
export function* demoRecords(options: DemoOptions = {}): Generator<ConversationRecord> {
  for (const conversation of generateDemo(options)) yield conversation as ConversationRecord;
}
