import type { LoadConfig } from './config.js';
import type { PhaseResult } from './traffic.js';

export interface SearchResult {
  /** The highest rate sustained (0: none, not even the lowest tried). */
  best: number;
  /** The search stopped at `searchMaxRate` while still sustaining: the real limit is higher. */
  capped: boolean;
  steps: { rate: number; sustained: boolean; p99: number; lost: number; offeredRate: number }[];
}

/** Steps between the last rate sustained and the first one not, after the bracket is found. */
const BISECTIONS = 2;
const LOWEST_RATE = 5;

/**
 * The highest sustained rate (see `sustained`), each step a phase of `searchStepSeconds`: upwards
 * from the highest fixed rate sustained by steps of ×`searchFactor` until one fails or the rate
 * passes `searchMaxRate`; if no fixed rate was sustained, downwards from the lowest by halving
 * until one is. Then two bisections between the last rate sustained and the first one not.
 */
export async function searchSustained(
  config: LoadConfig,
  fixed: readonly { rate: number; sustained: boolean }[],
  runStep: (rate: number) => Promise<{ result: PhaseResult; sustained: boolean }>,
): Promise<SearchResult> {
  const steps: SearchResult['steps'] = [];
  const step = async (rate: number): Promise<boolean> => {
    const { result, sustained } = await runStep(rate);
    steps.push({
      rate,
      sustained,
      p99: result.latency.p99,
      lost: result.lost,
      offeredRate: result.offeredRate,
    });
    return sustained;
  };
  const passed = fixed.filter((phase) => phase.sustained).map((phase) => phase.rate);
  const failed = fixed.filter((phase) => !phase.sustained).map((phase) => phase.rate);
  let best = passed.length > 0 ? Math.max(...passed) : 0;
  let worst = failed.filter((rate) => rate > best).reduce((low, rate) => Math.min(low, rate), Infinity);

  if (best > 0) {
    // Upwards, but never past a fixed rate already failed.
    for (
      let rate = Math.round(best * config.searchFactor);
      rate < worst;
      rate = Math.round(rate * config.searchFactor)
    ) {
      if (rate > config.searchMaxRate) return { best, capped: true, steps };
      if (!(await step(rate))) {
        worst = rate;
        break;
      }
      best = rate;
    }
  } else {
    for (let rate = Math.round(worst / 2); best === 0; rate = Math.round(rate / 2)) {
      if (rate < LOWEST_RATE) return { best: 0, capped: false, steps };
      if (await step(rate)) best = rate;
      else worst = rate;
    }
  }
  for (let i = 0; i < BISECTIONS && Number.isFinite(worst) && worst - best > 1; i++) {
    const rate = Math.round((best + worst) / 2);
    if (await step(rate)) best = rate;
    else worst = rate;
  }
  return { best, capped: false, steps };
}
