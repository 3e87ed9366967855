// Runs the bench suites (or those named on the command line), prints one table per suite and
// writes its JSON to bench/results/. `npm run bench` / `bash scripts/pnpm.sh bench [suite…]`.
import path from 'node:path';
import { busSuite } from './bus/index.js';
import { loadSuite } from './load/index.js';
import { logisticsSuite } from './logistics/index.js';
import { telegramSuite } from './telegram/index.js';
import type { BenchResult, Suite } from './lib/report.js';
import { writeResults } from './lib/results-file.js';
import { formatTable } from './lib/table.js';

const SUITES: Suite[] = [busSuite, telegramSuite, loadSuite, logisticsSuite];
/** Run when no suite is named: all but the long ones (`npm run bench:load`, `npm run bench:logistics`). */
const DEFAULT_SUITES = ['bus', 'telegram'];

class UsageError extends Error {}

async function runSuite(suite: Suite): Promise<void> {
  const startedAt = new Date();
  const start = performance.now();
  const results: BenchResult[] = [];
  for (const bench of suite.benches) {
    const benchStart = performance.now();
    console.error(`[bench] ${suite.name}/${bench.name}…`);
    results.push(await bench.run());
    console.error(`[bench] ${suite.name}/${bench.name} done in ${seconds(performance.now() - benchStart)}`);
  }
  const durationMs = performance.now() - start;
  console.log(
    `\n${suite.name} (ratio = ours ÷ baseline; msg/s, upd/s: higher is better; ms, MB, %, count: lower is better)\n`,
  );
  console.log(formatTable(results));
  const file = await writeResults(suite.name, startedAt, durationMs, results);
  console.log(`\n${suite.name}: ${seconds(durationMs)}; results in ${path.relative(process.cwd(), file)}`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown suite(s): ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`,
    );
  }
  const chosen = wanted.length === 0 ? DEFAULT_SUITES : wanted;
  for (const suite of SUITES) {
    if (chosen.includes(suite.name)) await runSuite(suite);
  }
}

main().then(
  // Exit explicitly: a client library's idle timer must not keep a finished bench alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(1);
  },
);
