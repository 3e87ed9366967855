import type { BenchResult, Figure } from '../lib/report.js';
import { describeServiceLogs } from '../lib/service-logs.js';
import type { MetricsDelta } from '../load/ops-metrics.js';
import { median, percentile } from '../lib/stats.js';
import type { WaybillRound } from './waybill-round.js';
import type { LogisticsRun } from './run-logistics.js';

/** The suite's table: the waybill rounds side by side, ours' claims, the renders; then context. */
export function logisticsResult(run: LogisticsRun): BenchResult {
  const { ours, baseline } = run.waybills;
  const { claims, renders } = run;
  const wb = `waybills: ${ours.clients} confirmed at once`;
  const cl = `claims: ${claims.claims} × ${run.config.photos}-photo album, ${claims.managers} managers`;
  const pair = (benchmark: string, unit: Figure['unit'], pick: (round: WaybillRound) => number): Figure => ({
    benchmark,
    ours: pick(ours),
    baseline: pick(baseline),
    unit,
  });
  const oursOnly = (benchmark: string, unit: Figure['unit'], value: number): Figure => ({
    benchmark,
    ours: value,
    baseline: Number.NaN,
    unit,
  });
  const { texts, albums } = claims.verdict;
  const perPage = (samples: number[]) => median(samples) / renders.pages;
  const figures: Figure[] = [
    pair(`${wb} — PDFs delivered`, 'count', (round) => round.delivered),
    pair(`${wb} — PDFs delivered twice (duplicates)`, 'count', (round) => round.doubled),
    pair(`${wb} — confirm → PDF received p50`, 'ms', (round) => percentile(round.pdfMs, 50)),
    pair(`${wb} — confirm → PDF received p99`, 'ms', (round) => percentile(round.pdfMs, 99)),
    pair(`${wb} — confirm → "created" p50`, 'ms', (round) => percentile(round.createdMs, 50)),
    pair(`${wb} — first confirm → last PDF`, 'ms', (round) => round.totalMs),
    {
      benchmark: `PDF render per page (median of ${renders.oursMs.length}; ours: render + store)`,
      ours: perPage(renders.oursMs),
      baseline: perPage(renders.baselineMs),
      unit: 'ms',
    },
    oursOnly(
      `${cl} — pushes delivered once (text + album each)`,
      'count',
      texts.found + albums.found - texts.doubled - albums.doubled,
    ),
    oursOnly(
      `${cl} — pushes lost or doubled`,
      'count',
      texts.lost + texts.doubled + albums.lost + albums.doubled,
    ),
    oursOnly(
      `${cl} — out of order per manager (album not right after its text)`,
      'count',
      claims.verdict.albumsApart.length,
    ),
    oursOnly(
      `${cl} — pushes out of filing (number) order (not promised)`,
      'count',
      claims.verdict.outOfOrder,
    ),
    oursOnly(`${cl} — filing → manager's text push p50`, 'ms', percentile(claims.textMs, 50)),
    oursOnly(`${cl} — filing → manager's text push p99`, 'ms', percentile(claims.textMs, 99)),
    oursOnly(`${cl} — filing → whole album in manager's chat p50`, 'ms', percentile(claims.albumMs, 50)),
    oursOnly(`${cl} — filing → whole album in manager's chat p99`, 'ms', percentile(claims.albumMs, 99)),
  ];
  return {
    name: 'logistics',
    context: context(run).join('\n  '),
    figures,
    details: {
      config: run.config,
      startToReadyMs: run.startToReadyMs,
      clientsPerManager: run.clientsPerManager,
      waybills: { ours: roundDetails(ours), baseline: roundDetails(baseline) },
      claims: {
        claims: claims.claims,
        filed: claims.filed,
        mostPerManager: claims.mostPerManager,
        fillInMs: claims.fillInMs,
        totalMs: claims.totalMs,
        verdict: claims.verdict,
        recordedShort: claims.recordedShort,
        allArrived: claims.allArrived,
        failures: claims.failures,
        settle: claims.settle,
        textMs: latencies(claims.textMs),
        albumMs: latencies(claims.albumMs),
      },
      renders: {
        pages: renders.pages,
        bytes: renders.bytes,
        oursMs: latencies(renders.oursMs),
        baselineMs: latencies(renders.baselineMs),
      },
      settledBefore: run.settledBefore,
      metrics: run.metrics,
      serviceLogs: run.serviceLogs,
      sandboxStats: run.sandboxStats,
    },
  };
}

function context(run: LogisticsRun): string[] {
  const { ours, baseline } = run.waybills;
  const { claims, renders } = run;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const round = (r: WaybillRound) =>
    `${r.side}: forms filled in ${s(r.fillInMs)}, PDF before "created" in ${r.pdfFirst} chats, ` +
    `PDFs named after another number ${r.foreign}, settled ${s(r.settle.ms)}${r.settle.quiet ? '' : ' (NOT quiet)'}` +
    (r.failures.length > 0 ? `, failures: ${r.failures.join(' | ')}` : '');
  return [
    `${ours.clients} clients (+${run.config.warmupClients} warm-up), ${run.clientsPerManager.min}–${run.clientsPerManager.max} ` +
      `per manager; forms started ${run.config.spreadMs} ms apart, then everyone at the summary pressed Confirm at once; ` +
      `sandbox flood limits off, ours' gateway keeps 1 msg/s per chat (the baseline paces nothing) and waits ` +
      `${run.config.albumWaitMs} ms for an album's last part; ` +
      `ready: ours ${s(run.startToReadyMs.ours)}, the baseline ${s(run.startToReadyMs.baseline)}`,
    `waybills — ${round(ours)}`,
    `waybills — ${round(baseline)}`,
    `waybills — the first client's chat after Confirm: ours ${trace(ours)}; the baseline ${trace(baseline)}`,
    `PDF: ${renders.pages} page(s), ${Math.round(renders.bytes / 1024)} KB; one at a time in the bench process, ` +
      `ms per PDF p50/p99 ours ${fmt(percentile(renders.oursMs, 50))}/${fmt(percentile(renders.oursMs, 99))}, ` +
      `baseline ${fmt(percentile(renders.baselineMs, 50))}/${fmt(percentile(renders.baselineMs, 99))}`,
    `claims: ${claims.filed}/${claims.claims} filed, forms filled in ${s(claims.fillInMs)}, at most ${claims.mostPerManager} ` +
      `a manager; texts ${claims.verdict.texts.found}/${claims.verdict.texts.expected}, albums ` +
      `${claims.verdict.albums.found}/${claims.verdict.albums.expected}; first filing → last push ${s(claims.totalMs)}; ` +
      `settled ${s(claims.settle.ms)}${claims.settle.quiet ? '' : ' (NOT quiet)'}` +
      (claims.failures.length > 0 ? `; failures: ${claims.failures.join(' | ')}` : ''),
    `pushes out of number order (claims filed together: their events are partitioned per claim, so ` +
      `notification handles one manager's claims side by side), the first per manager: ` +
      (claims.verdict.numberOrder.length === 0 ? 'none' : claims.verdict.numberOrder.join('; ')),
    `ours' busiest, from the services' own histograms (count × mean): waybill round ${busiest(run.metrics.waybills)}; ` +
      `claims round ${busiest(run.metrics.claims)}`,
    `ours' logs at warn level and above: ${describeServiceLogs(run.serviceLogs)}`,
  ];
}

/** The five series that took the most time over a round. */
function busiest(delta: MetricsDelta): string {
  return delta.timed
    .slice(0, 5)
    .map((series) => `${series.series} ${series.count}× ${series.meanMs.toFixed(0)} ms`)
    .join(', ');
}

/** `answerCallbackQuery +40, sendMessage +1,010, …`: what one chat got after Confirm, and when. */
function trace(round: WaybillRound): string {
  return (
    round.firstChat.map((call) => `${call.method} +${call.ms.toLocaleString('en-US')}`).join(', ') ||
    'nothing'
  );
}

function roundDetails(round: WaybillRound): Record<string, unknown> {
  const { pdfMs, createdMs, numbers: _numbers, ...rest } = round;
  return { ...rest, pdfMs: latencies(pdfMs), createdMs: latencies(createdMs) };
}

function latencies(samples: readonly number[]): Record<string, number> {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
  };
}

function fmt(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(1) : 'n/a';
}
