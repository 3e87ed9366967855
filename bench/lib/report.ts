/** One measured figure: ours and the baseline from the same run, in the same unit. */
export interface Figure {
  benchmark: string;
  ours: number;
  baseline: number;
  /** `msg/s`: higher is better; `ms`: lower is better. */
  unit: 'msg/s' | 'ms';
}

/** What one bench hands back: its figures and a line of context (N, concurrency, payload…). */
export interface BenchResult {
  name: string;
  context: string;
  figures: Figure[];
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
