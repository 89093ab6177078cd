import { ensureSchemaTemplate, SCHEMA_TEMPLATE_FILE } from './schema-template.ts';

/**
 * `pnpm --filter @rapport/api build`: the embedded database's template (schema-template.ts), made
 * beside the web app's build so that a first start runs neither initdb nor the migrations.
 */
const started = performance.now();
const made = await ensureSchemaTemplate();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  made
    ? `Embedded database template made in ${seconds} s: ${SCHEMA_TEMPLATE_FILE}`
    : `Embedded database template already made: ${SCHEMA_TEMPLATE_FILE}`,
);
