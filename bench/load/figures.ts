import os from 'node:os';
import type { BenchResult, Figure } from '../lib/report.js';
import { megabytes } from './memory.js';
import { describeServiceLogs } from '../lib/service-logs.js';
import { BENCH_PROCESS, type LoadRun, type MeasuredPhase } from './run-load.js';
import type { SideLabel } from './side.js';

const NONE = Number.NaN;
const INFRA = ['postgresql', 'rabbitmq', 'redis'];

/** The run as one table: rows of ours | baseline | ratio; the rest as context lines and JSON. */
export function loadResult(run: LoadRun): BenchResult {
  const { config } = run;
  const figures: Figure[] = [];
  const row = (benchmark: string, ours: number, baseline: number, unit: Figure['unit']) =>
    figures.push({ benchmark, ours, baseline, unit });
  const phase = (side: SideLabel, rate: number): MeasuredPhase | undefined =>
    run.phases.find((p) => p.result.side === side && p.result.targetRate === rate);

  row('start command → all ready', run.startToReadyMs.ours, run.startToReadyMs.baseline, 'ms');
  for (const rate of config.rates) {
    const ours = phase('ours', rate)?.result;
    const base = phase('baseline', rate)?.result;
    for (const p of ['p50', 'p95', 'p99'] as const) {
      row(`latency ${p} @${rate}/s`, ours?.latency[p] ?? NONE, base?.latency[p] ?? NONE, 'ms');
    }
    row(
      `lost (no reply in ${config.replyTimeoutMs / 1000} s) @${rate}/s`,
      ours?.lost ?? NONE,
      base?.lost ?? NONE,
      'count',
    );
  }
  if (run.search.ours !== undefined || run.search.baseline !== undefined) {
    row(
      `highest sustained rate (p99 < ${config.sustainedP99Ms} ms, 0 lost)`,
      run.search.ours?.best ?? NONE,
      run.search.baseline?.best ?? NONE,
      'upd/s',
    );
  }
  const legs = phase('ours', config.rssPhaseRate)?.legs;
  if (legs !== undefined) {
    const leg = (title: string, summary: { p50: number; p99: number }) => {
      row(`ours @${config.rssPhaseRate}/s: ${title} p50`, summary.p50, NONE, 'ms');
      row(`ours @${config.rssPhaseRate}/s: ${title} p99`, summary.p99, NONE, 'ms');
    };
    leg('update → tg.in on the bus', legs.ingress);
    leg('tg.in → tg.out (conversation)', legs.dialog);
    leg('tg.out → Bot API call', legs.egress);
  }
  row(
    `/start latency p50 while ${config.initialUsers} users join @${config.joinRate}/s`,
    run.joins.ours.byKind.join.p50,
    run.joins.baseline.byKind.join.p50,
    'ms',
  );
  row(
    `/start latency p99 while joining`,
    run.joins.ours.byKind.join.p99,
    run.joins.baseline.byKind.join.p99,
    'ms',
  );

  const { egress } = run;
  if (egress !== undefined) {
    row(
      `egress achieved ÷ allowed (${egress.count.toLocaleString('en-US')} to ${egress.chats.toLocaleString('en-US')} chats)`,
      egress.achieved,
      egress.allowed,
      'msg/s',
    );
    row('egress 429s received', egress.tooManyRequests, NONE, 'count');
    row('egress lost', egress.lost, NONE, 'count');
    row('egress duplicates', egress.duplicates, NONE, 'count');
  }

  const services = run.processes.ours;
  const baselineProcess = run.processes.baseline[0] ?? 'baseline-bot';
  const total = (values: Record<string, number>): number =>
    services.reduce((sum, name) => sum + (values[name] ?? NONE), 0);
  for (const name of services) row(`RSS idle ${name}`, megabytes(run.rssIdle[name]), NONE, 'MB');
  row('RSS idle, all services', megabytes(total(run.rssIdle)), megabytes(run.rssIdle[baselineProcess]), 'MB');

  const rssOurs = phase('ours', config.rssPhaseRate)?.rssMax;
  const rssBase = phase('baseline', config.rssPhaseRate)?.rssMax;
  if (rssOurs !== undefined) {
    for (const name of services)
      row(`RSS max @${config.rssPhaseRate}/s ${name}`, megabytes(rssOurs[name]), NONE, 'MB');
    row(
      `RSS max @${config.rssPhaseRate}/s, all services`,
      megabytes(total(rssOurs)),
      megabytes(rssBase?.[baselineProcess]),
      'MB',
    );
  }

  const top = Math.max(...config.rates);
  const cpuOurs = phase('ours', top)?.cpu;
  const cpuBase = phase('baseline', top)?.cpu;
  if (cpuOurs !== undefined) {
    for (const name of services) row(`CPU @${top}/s ${name}`, cpuOurs[name] ?? NONE, NONE, '%');
    row(`CPU @${top}/s, all services`, total(cpuOurs), cpuBase?.[baselineProcess] ?? NONE, '%');
    row(
      `CPU @${top}/s ${BENCH_PROCESS}`,
      cpuOurs[BENCH_PROCESS] ?? NONE,
      cpuBase?.[BENCH_PROCESS] ?? NONE,
      '%',
    );
    row(
      `run-queue wait @${top}/s, all services (ready, no free core)`,
      total(phase('ours', top)?.runQueueWait ?? {}),
      phase('baseline', top)?.runQueueWait[baselineProcess] ?? NONE,
      '%',
    );
  }

  // CPU time per update at the lowest rate, where nothing queues: what an update costs,
  // whatever else the machine was doing, and the rate that cost allows on this machine's cores.
  const low = Math.min(...config.rates);
  const lowOurs = phase('ours', low);
  const lowBase = phase('baseline', low);
  if (lowOurs !== undefined && lowBase !== undefined) {
    const perUpdate = (measured: MeasuredPhase, name: string): number =>
      ((measured.cpu[name] ?? NONE) * 10) / measured.result.offeredRate;
    for (const name of services)
      row(`CPU per update @${low}/s ${name}`, perUpdate(lowOurs, name), NONE, 'ms');
    const oursServices = services.reduce((sum, name) => sum + perUpdate(lowOurs, name), 0);
    const baseProcess = perUpdate(lowBase, baselineProcess);
    row(`CPU per update @${low}/s, all services`, oursServices, baseProcess, 'ms');
    const oursAll = oursServices + INFRA.reduce((sum, name) => sum + perUpdate(lowOurs, name), 0);
    row(`CPU per update @${low}/s, + PostgreSQL, RabbitMQ, Redis`, oursAll, baseProcess, 'ms');
    const cores = os.cpus().length;
    row(
      `CPU-bound ceiling on ${cores} free cores (${cores} s ÷ CPU per update)`,
      (cores * 1000) / oursAll,
      (cores * 1000) / baseProcess,
      'upd/s',
    );
  }

  return { name: 'load', context: context(run), figures, details: details(run) };
}

function context(run: LoadRun): string {
  const { config } = run;
  const lines: string[] = [];
  const mixTotal = config.mix.join + config.mix.accept + config.mix.menu + config.mix.text;
  const pct = (weight: number): string => `${Math.round((weight / mixTotal) * 100)} %`;
  lines.push(
    `dialog: ${pct(config.mix.join)} new users' /start (${Math.round(config.technicianShare * 100)} % by the ` +
      `technicians' join link), ${pct(config.mix.accept)} Accept pressed under a dispatched task's offer ` +
      `(reply = the callback answer; the offer's edit to "Accepted" awaited too), ${pct(config.mix.menu)} main-menu taps, ` +
      `${pct(config.mix.text)} free text; one update in flight per chat, ${config.thinkMs} ms between a reply and the ` +
      `chat's next update; open loop, ${config.phaseSeconds} s per rate after ${config.initialUsers} joins and a ` +
      `${config.warmupSeconds} s warm-up; latency = update created in the sandbox → first reply recorded there`,
  );
  lines.push(
    `ours = ${run.processes.ours.length} compiled process(es), the ${config.layout} layout, bot-gateway in webhook mode; ` +
      `baseline = one telegraf process, webhook mode, in-memory state, the same replies (bot-ui texts and keyboards)`,
  );
  const { shapes } = run;
  lines.push(
    `replies compared (first of each kind, ids and numbers blurred): ${shapes.identical} of ${shapes.compared} identical` +
      (shapes.mismatches.length > 0
        ? `; differing: ${shapes.mismatches.map((m) => m.shape).join(', ')}`
        : '') +
      (shapes.unmatched.length > 0 ? `; only one side: ${shapes.unmatched.join(', ')}` : ''),
  );
  for (const side of ['ours', 'baseline'] as const) {
    const measured = run.phases.filter((phase) => phase.result.side === side);
    const described = measured.map((phase) => {
      const r = phase.result;
      const extras = [
        r.forcedJoins > 0 ? `${r.forcedJoins} forced joins` : '',
        r.acceptFallbacks > 0 ? `${r.acceptFallbacks} accepts without an offer` : '',
        r.trailingMissing > 0 ? `${r.trailingMissing} offer edits missing` : '',
        r.unsolicited > 0 ? `${r.unsolicited} unexpected bot messages` : '',
        r.sendErrors > 0 ? `${r.sendErrors} send errors` : '',
      ].filter(Boolean);
      return `${r.targetRate}/s: ${r.sent} sent at ${Math.round(r.offeredRate)}/s${phase.sustained ? ' ✓' : ' ✗'}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
    });
    lines.push(`${side} phases (✓ = sustained): ${described.join('; ')}`);
    const search = run.search[side];
    if (search !== undefined) {
      const steps = search.steps.map(
        (step) =>
          `${step.rate}/s p99 ${step.p99.toFixed(0)} ms, lost ${step.lost}` +
          (step.offeredRate < 0.95 * step.rate ? `, offered only ${Math.round(step.offeredRate)}/s` : '') +
          (step.sustained ? ' ✓' : ' ✗'),
      );
      lines.push(
        `${side} search (${config.searchStepSeconds} s steps; ×${config.searchFactor} up from the best fixed rate ` +
          `sustained, or halving down if none, then 2 bisections): ` +
          `${steps.join('; ') || 'no steps'}${search.capped ? `; stopped at the cap ${config.searchMaxRate}/s` : ''}`,
      );
    }
  }
  const { egress } = run;
  if (egress !== undefined) {
    lines.push(
      `egress: a separate bot-gateway process with Telegram's limits (30/s per bot, 1/s per chat), ${egress.count} ` +
        `tg.out sendMessage commands to ${egress.chats} chats, delivered in ${egress.seconds.toFixed(1)} s = ` +
        `${((egress.achieved / egress.allowed) * 100).toFixed(1)} % of the allowed rate; baseline column = the allowed rate`,
    );
  }
  lines.push(
    `ours' legs: a tap on the bus (one more consumer of fg.tg) times each update's tg.in.* event and the first ` +
      `tg.out for it; ingress = sandbox's webhook POST, bot-gateway's checks and confirmed publish`,
  );
  const metrics = run.phases.find(
    (phase) => phase.result.side === 'ours' && phase.result.targetRate === config.rssPhaseRate,
  )?.metrics;
  if (metrics !== undefined) {
    const busiest = metrics.timed
      .slice(0, 8)
      .map((series) => `${series.series} ${series.count}× ${series.meanMs.toFixed(1)} ms`);
    const lag = Object.entries(metrics.eventLoopLagP99Ms)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([name, value]) => `${name} ${value.toFixed(0)} ms`);
    lines.push(
      `ours @${config.rssPhaseRate}/s, the services' own histograms (count × mean): ${busiest.join('; ')}; ` +
        `event-loop delay p99: ${lag.join(', ')}`,
    );
  }
  const topOurs = run.phases.find(
    (phase) => phase.result.side === 'ours' && phase.result.targetRate === Math.max(...config.rates),
  );
  if (topOurs !== undefined) {
    const waits = Object.entries(topOurs.runQueueWait)
      .sort(([, a], [, b]) => b - a)
      .map(([name, value]) => `${name} ${value.toFixed(0)} %`);
    lines.push(
      `run-queue wait during ours @${topOurs.result.targetRate}/s (% of the phase a process was ready to run but ` +
        `every core was busy, /proc/<pid>/schedstat): ${waits.join(', ')}`,
    );
  }
  const failedDispatches = run.phases.reduce((sum, phase) => sum + phase.stock.failed, 0);
  lines.push(
    `ours' logs at warn level and above: ${describeServiceLogs(run.serviceLogs)}` +
      (failedDispatches > 0 ? `; REST dispatches failed: ${failedDispatches}` : ''),
  );
  const top = Math.max(...run.config.rates);
  const infra = run.phases.find(
    (phase) => phase.result.side === 'ours' && phase.result.targetRate === top,
  )?.cpu;
  if (infra !== undefined) {
    const shown = ['rabbitmq', 'postgresql', 'redis']
      .map((name) => `${name} ${Math.round(infra[name] ?? 0)} %`)
      .join(', ');
    lines.push(
      `local servers' CPU during ours @${top}/s (shared with anything else on the machine): ${shown}`,
    );
  }
  lines.push(
    `machine: ${os.cpus().length} cores shared by the services, the servers, the baseline and this process ` +
      `(sandbox + simulated users); CPU in % of one core`,
  );
  return lines.join('\n    ');
}

function details(run: LoadRun): Record<string, unknown> {
  return {
    config: run.config,
    startToReadyMs: run.startToReadyMs,
    rssIdleBytes: run.rssIdle,
    joins: run.joins,
    phases: run.phases,
    search: run.search,
    egress: run.egress,
    replyShapes: run.shapes,
    unsolicited: run.unsolicited,
    serviceLogs: run.serviceLogs,
    sandboxStats: run.sandboxStats,
  };
}
