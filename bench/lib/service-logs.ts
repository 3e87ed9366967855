export interface ServiceLogSummary {
  name: string;
  warnings: number;
  errors: number;
  /** The most frequent messages at warn level and above, with their counts. */
  top: { level: number; msg: string; count: number }[];
}

/** What one service logged at warn level and above, from its kept output lines. */
export function logSummary(name: string, entries: readonly Record<string, unknown>[]): ServiceLogSummary {
  const counts = new Map<string, { level: number; msg: string; count: number }>();
  let warnings = 0;
  let errors = 0;
  for (const entry of entries) {
    const level = typeof entry.level === 'number' ? entry.level : 0;
    if (level < 40) continue;
    if (level >= 50) errors += 1;
    else warnings += 1;
    const msg = typeof entry.msg === 'string' ? entry.msg : '(no msg)';
    const key = `${level}:${msg}`;
    const seen = counts.get(key) ?? { level, msg, count: 0 };
    seen.count += 1;
    counts.set(key, seen);
  }
  const top = [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 5);
  return { name, warnings, errors, top };
}

/** The services that logged warnings or errors, each with its two most frequent messages; or "none". */
export function describeServiceLogs(summaries: readonly ServiceLogSummary[]): string {
  const logged = summaries
    .filter((service) => service.errors + service.warnings > 0)
    .map(
      (service) =>
        `${service.name} ${service.errors} errors, ${service.warnings} warnings (${service.top
          .slice(0, 2)
          .map((t) => `${t.count}× "${t.msg}"`)
          .join(', ')})`,
    );
  return logged.length === 0 ? 'none' : logged.join('; ');
}
