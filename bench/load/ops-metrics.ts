import { fetchMetrics, type MetricSample } from '@fieldgram/testkit/env';
/** A running service's ops endpoint (its /metrics, Prometheus text). */
export interface MetricsSource {
  name: string;
  opsUrl: string;
}

/** Time per message or call over one phase, from the services' own histograms. */
export interface TimedSeries {
  /** `bot-gateway#0 handler tg.out`, `conversation#0 rpc identity.get-user-by-telegram`… */
  series: string;
  count: number;
  meanMs: number;
}

export interface MetricsDelta {
  /** Handler and request/reply times, the most time-consuming first. */
  timed: TimedSeries[];
  /** Each process's event-loop delay p99 at the end of the phase (prom-client's default gauge). */
  eventLoopLagP99Ms: Record<string, number>;
}

/** Every sample of every source, by `<process>\t<series key>`. */
type Snapshot = Map<string, MetricSample & { process: string }>;

/** Reads every source's /metrics now; a source that does not answer is left out. */
export async function snapshotMetrics(sources: readonly MetricsSource[]): Promise<Snapshot> {
  const snapshot: Snapshot = new Map();
  await Promise.all(
    sources.map(async (source) => {
      try {
        for (const sample of await fetchMetrics(source.opsUrl))
          snapshot.set(`${source.name}\t${seriesKey(sample)}`, { ...sample, process: source.name });
      } catch {
        // a busy or gone process: its figures are missing from this phase
      }
    }),
  );
  return snapshot;
}

/** What changed between two snapshots: mean times per handler and per request/reply target. */
export function metricsDelta(before: Snapshot, after: Snapshot): MetricsDelta {
  // Summed over the series' other labels (a partitioned queue's handlers are one series per partition).
  const totals = new Map<string, { count: number; seconds: number }>();
  const eventLoopLagP99Ms: Record<string, number> = {};
  for (const [key, { process, name, labels, value: sum }] of after) {
    if (name === 'nodejs_eventloop_lag_p99_seconds') {
      eventLoopLagP99Ms[process] = sum * 1000;
      continue;
    }
    const match = /^fg_(handler|rpc)_duration_seconds_sum$/.exec(name);
    if (match === null) continue;
    const countKey = key.replace('_sum{', '_count{');
    const count = (after.get(countKey)?.value ?? 0) - (before.get(countKey)?.value ?? 0);
    if (count <= 0) continue;
    const what =
      match[1] === 'handler'
        ? `handler ${labels.type ?? '?'}`
        : `rpc ${labels.type ?? labels.target ?? '?'}${labels.outcome && labels.outcome !== 'ok' ? ` (${labels.outcome})` : ''}`;
    const total = totals.get(`${process} ${what}`) ?? { count: 0, seconds: 0 };
    total.count += count;
    total.seconds += sum - (before.get(key)?.value ?? 0);
    totals.set(`${process} ${what}`, total);
  }
  const timed = [...totals].map(([series, { count, seconds }]) => ({
    series,
    count,
    meanMs: (seconds / count) * 1000,
  }));
  timed.sort((a, b) => b.count * b.meanMs - a.count * a.meanMs);
  return { timed, eventLoopLagP99Ms };
}

/** `name{a="1",b="2"}`: one series' key, labels in a fixed order. */
function seriesKey(sample: MetricSample): string {
  const labels = Object.entries(sample.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}="${value ?? ''}"`)
    .join(',');
  return `${sample.name}{${labels}}`;
}
