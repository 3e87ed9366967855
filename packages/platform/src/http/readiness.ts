/** What /readyz reports: one boolean per dependency or part, and whether all of them hold. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, boolean>;
}

export type ReadinessProbe = () => Promise<ReadinessReport> | ReadinessReport;

/** A report that is ready when every check passes (and there is at least one check to pass). */
export function readinessFromChecks(checks: Record<string, boolean>): ReadinessReport {
  const values = Object.values(checks);
  return { ready: values.length > 0 && values.every(Boolean), checks };
}
