/** A Prometheus sample's labels, e.g. `{ queue: 'conversation.updates.p03', outcome: 'ok' }`. */
export type MetricLabels = Record<string, string | undefined>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export interface MetricSample {
  name: string;
  labels: MetricLabels;
  value: number;
}

/** Parses the samples of Prometheus' text exposition format (what every service's /metrics serves). */
export function parseMetrics(text: string): MetricSample[] {
  return text.split('\n').flatMap((line) => {
    const match = line.startsWith('#') ? null : SAMPLE.exec(line.trim());
    if (!match) return [];
    const labels: MetricLabels = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value;
    return [{ name: match[1]!, labels, value: Number(match[3]) }];
  });
}

/** Every sample a service's ops server serves at /metrics now. */
export async function fetchMetrics(opsUrl: string): Promise<MetricSample[]> {
  const response = await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${opsUrl}/metrics answered ${response.status}`);
  return parseMetrics(await response.text());
}

/** The sum of one metric's samples whose labels pass `filter`, read from a service's ops server. */
export async function metricSum(
  opsUrl: string,
  name: string,
  filter: (labels: MetricLabels) => boolean,
): Promise<number> {
  return (await fetchMetrics(opsUrl))
    .filter((sample) => sample.name === name && filter(sample.labels))
    .reduce((sum, sample) => sum + sample.value, 0);
}
