import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ConversationSchema } from './record.ts';

/**
 * The published JSON Schema of interaction log format v1, generated from the zod schema so the
 * two never drift. Regenerate after changing record.ts:
 * `pnpm --filter @rapport/api exec tsx src/ingest/json-schema.ts`
 */
export const SCHEMA_FILE = fileURLToPath(
  new URL('../../../../docs/interaction-log.schema.json', import.meta.url),
);

export function interactionLogJsonSchema(): Record<string, unknown> {
  // `input`: what a file may contain (optional fields may be left out, unknown fields are ignored).
  const { $schema, ...schema } = z.toJSONSchema(ConversationSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema,
    title: 'Rapport interaction log v1: one conversation (one line of a JSON Lines file)',
    description:
      'Turn times are millisecond offsets from startedAt; event times are absolute. Also checked on ' +
      'import but not expressible here: endedAt is not before startedAt, and a turn ends no earlier ' +
      'than it starts (endMs ≥ startMs). See docs/formats.md.',
    ...schema,
  };
}

export function interactionLogJsonSchemaText(): string {
  return `${JSON.stringify(interactionLogJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, interactionLogJsonSchemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
