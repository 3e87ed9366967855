import { withBenchEnv } from '../lib/env.js';
import type { Bench, Suite } from '../lib/report.js';
import { formatTable } from '../lib/table.js';
import { logisticsConfig } from './config.js';
import { deliveryProblems } from './delivery-check.js';
import { logisticsResult } from './figures.js';
import { runLogistics } from './run-logistics.js';

/**
 * The logistics benchmark (issue 13): 200 clients confirming waybills at once against every
 * service as its own process and against a one-process telegraf baseline, then 200 claims with a
 * photo album pushed to 20 managers. About 5 minutes, so `npm run bench` leaves it out:
 * `npm run bench:logistics`. A lost, doubled or misordered delivery fails the run.
 */
const logisticsBench: Bench = {
  name: 'logistics',
  run: () =>
    withBenchEnv('logistics', async (env) => {
      const run = await runLogistics(env, logisticsConfig());
      const result = logisticsResult(run);
      const problems = deliveryProblems(run);
      if (problems.length > 0) {
        // The figures still help to see what went wrong, but on stderr, not as the suite's table.
        console.error(formatTable([result]));
        throw new Error(`logistics: deliveries went wrong:\n  ${problems.join('\n  ')}`);
      }
      return result;
    }),
};

export const logisticsSuite: Suite = { name: 'logistics', benches: [logisticsBench] };
