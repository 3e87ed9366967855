/** One environment variable that failed validation. */
export interface ConfigIssue {
  variable: string;
  problem: string;
}

/** Thrown by `loadConfig`; the message lists every bad variable so one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(['Invalid configuration:', ...issues.map((i) => `  - ${i.variable}: ${i.problem}`)].join('\n'));
  }
}
