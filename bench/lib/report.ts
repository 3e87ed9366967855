/** One measured figure: ours and the baseline from the same run, in the same unit. */
export interface Figure {
  benchmark: string;
  ours: number;
  /** NaN when the figure has no baseline (shown as n/a, `null` in the JSON). */
  baseline: number;
  /** `msg/s`, `upd/s`: higher is better; `ms`, `MB`, `%` (of one core), `count`: lower is better. */
  unit: 'msg/s' | 'upd/s' | 'ms' | 'MB' | '%' | 'count';
}

/** What one bench hands back: its figures and a line of context (N, concurrency, payload…). */
export interface BenchResult {
  name: string;
  context: string;
  figures: Figure[];
  /** Anything else worth keeping (per-phase counts, samples' spread…), written to the JSON only. */
  details?: Record<string, unknown>;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult>;
}

/** A group of benches whose results share one table and one JSON file (`<suite>-<time>.json`). */
export interface Suite {
  name: string;
  benches: Bench[];
}

export function ratio(figure: Figure): number {
  return figure.baseline > 0 ? figure.ours / figure.baseline : Number.NaN;
}
