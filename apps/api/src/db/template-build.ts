import { ensureTemplate, TEMPLATE_FILE } from './pglite-template.ts';

/**
 * `pnpm --filter @rapport/api build`: the embedded database's empty-cluster template
 * (pglite-template.ts), made beside the web app's build so that the first start need not run initdb.
 */
const started = performance.now();
const made = await ensureTemplate();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  made
    ? `Embedded database template made in ${seconds} s: ${TEMPLATE_FILE}`
    : `Embedded database template already made: ${TEMPLATE_FILE}`,
);
