/**
 * How fast the demo generator runs, on one core: `npx tsx packages/demo/src/speed.ts [conversations]`.
 * Not a test: machines differ. On the shared 2-core development machine (Node 20, other work running)
 * it made 45,000–53,000 conversations/s of ~15 turns each (about 29,000/s with JSON.stringify), against a
 * requirement of 20,000.
 */
import { generateDemo } from './generate.ts';

const conversations = Number(process.argv[2] ?? 20_000);

function measure(serialise: boolean, seed: number): string {
  const started = performance.now();
  let turns = 0;
  let bytes = 0;
  for (const record of generateDemo({ conversations, seed })) {
    turns += record.turns.length;
    if (serialise) bytes += JSON.stringify(record).length + 1;
  }
  const rate = Math.round(conversations / ((performance.now() - started) / 1000));
  const size = serialise ? ` with JSON.stringify (${(bytes / 1e6).toFixed(1)} MB of JSON Lines)` : '';
  return `${rate} conversations/s${size}, ${(turns / conversations).toFixed(1)} turns each`;
}

measure(false, 0); // warm-up
for (let run = 1; run <= 3; run++) console.log(`run ${run}: ${measure(false, run)}`);
console.log(`serialised: ${measure(true, 4)}`);
