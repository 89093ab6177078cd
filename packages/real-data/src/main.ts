import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from './analyse.ts';
import { findings } from './findings.ts';
import { labelTable, render } from './render.ts';

/**
 * `pnpm real-data [DIR]`: converts the public data sets in DIR (default `../shared/datasets` beside the
 * repository), ingests them into a fresh embedded database, scores them and writes
 * `docs/metrics-on-real-data.md`, with its findings as data beside it in `docs/metrics-on-real-data.json`
 * for scripts and diffs. A relative DIR is taken from where the command was typed.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const output = path.join(repoRoot, 'docs', 'metrics-on-real-data.md');
const findingsOutput = path.join(repoRoot, 'docs', 'metrics-on-real-data.json');

function datasetsDir(argument: string | undefined): string {
  if (argument === undefined) return path.resolve(repoRoot, '../shared/datasets');
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), argument);
}

async function main() {
  const dir = datasetsDir(process.argv.slice(2).find((a) => a !== '--'));
  const started = performance.now();
  const log = (message: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
  if (!existsSync(dir)) throw new Error(`No data sets folder at ${dir} (usage: pnpm real-data [DIR])`);
  log(`data sets from ${dir}`);
  const found = findings(await analyse(dir, log));
  console.log(`\nThe engine against ${found.labels.turns} hand-labelled agent turns (per turn):\n`);
  console.log(labelTable(found.labels));
  console.log('');
  // Rendered before anything is written, so a template that lacks a figure leaves both files as they were.
  const document = render(found);
  writeFileSync(output, document);
  writeFileSync(findingsOutput, `${JSON.stringify(found, null, 2)}\n`);
  log(`wrote ${path.relative(repoRoot, output)} and ${path.relative(repoRoot, findingsOutput)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
