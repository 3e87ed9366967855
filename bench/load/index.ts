import { withBenchEnv } from '../lib/env.js';
import type { Bench, Suite } from '../lib/report.js';
import { loadConfig } from './config.js';
import { loadResult } from './figures.js';
import { runLoad } from './run-load.js';

/**
 * The load benchmark (issue 7): simulated users through the sandbox against every service as its
 * own process, and against a one-process telegraf baseline, in the same run. Long (about 10
 * minutes with the defaults), so `npm run bench` leaves it out: `npm run bench:load`.
 */
const loadBench: Bench = {
  name: 'load',
  run: () => withBenchEnv('load', async (env) => loadResult(await runLoad(env, loadConfig()))),
};

export const loadSuite: Suite = { name: 'load', benches: [loadBench] };
