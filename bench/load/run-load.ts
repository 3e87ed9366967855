import { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import type { TestEnv } from '../lib/env.js';
import { logSummary, type ServiceLogSummary } from '../lib/service-logs.js';
import { sleep } from '../lib/timing.js';
import { startBaseline, type BaselineRig } from './baseline-rig.js';
import type { LoadConfig } from './config.js';
import type { ActionKind } from './dialog.js';
import { StageTap, type Legs } from './breakdown.js';
import { measureEgress, type EgressResult } from './egress.js';
import { CpuMeter, infraProcesses, rssNow, RssSampler, runQueueSeconds, type ProcessRef } from './memory.js';
import { metricsDelta, snapshotMetrics, type MetricsDelta } from './ops-metrics.js';
import { ReplyShapes, type ShapeComparison } from './reply-shapes.js';
import { searchSustained, type SearchResult } from './search.js';
import type { SideLabel } from './side.js';
import { startOurs, type OursRig } from './stack-rig.js';
import { offersFor, runPhase, SideDriver, sustained, type PhaseResult } from './traffic.js';

export const BENCH_PROCESS = 'bench (sandbox + users)';

/** One fixed-rate phase of one side, with what its processes used meanwhile. */
export interface MeasuredPhase {
  result: PhaseResult;
  sustained: boolean;
  /** % of one core per process (ours' services, the baseline, this process, the local servers). */
  cpu: Record<string, number>;
  /** % of the phase each process was ready to run but waited for a core (/proc/<pid>/schedstat). */
  runQueueWait: Record<string, number>;
  /** Max RSS sampled during the phase (only at `rssPhaseRate`), bytes. */
  rssMax?: Record<string, number>;
  /** Ours only: where the time went (see StageTap). */
  legs?: Legs;
  /** Ours only: the services' own handler and request/reply times over the phase. */
  metrics?: MetricsDelta;
  stock: { dispatched: number; failed: number; received: number; ms: number };
  /** Waiting for the side to be idle before the phase (after the last phase, after stocking). */
  settle: { ms: number; quiet: boolean };
}

export interface LoadRun {
  config: LoadConfig;
  startToReadyMs: Record<SideLabel, number>;
  processes: Record<SideLabel, string[]>;
  rssIdle: Record<string, number>;
  joins: Record<SideLabel, PhaseResult>;
  phases: MeasuredPhase[];
  search: Partial<Record<SideLabel, SearchResult>>;
  egress: EgressResult | undefined;
  shapes: ShapeComparison;
  unsolicited: Record<SideLabel, number>;
  /** Ours: what each service logged at warn level and above during the run. */
  serviceLogs: ServiceLogSummary[];
  sandboxStats: ReturnType<TelegramSandbox['stats']>;
}

const SIDES: readonly SideLabel[] = ['ours', 'baseline'];

/**
 * The whole load run: our stack and the baseline against one sandbox, the same simulated dialog
 * for each, one side at a time (ours, then the baseline, at each rate), then egress.
 */
export async function runLoad(env: TestEnv, config: LoadConfig): Promise<LoadRun> {
  const sandbox = await TelegramSandbox.start({ limits: 'off' });
  const shapes = new ReplyShapes();
  let ours: OursRig | undefined;
  let baseline: BaselineRig | undefined;
  let tap: StageTap | undefined;
  const drivers = new Map<number, SideDriver>();
  const unsubscribe = sandbox.onChatEvent((botId, chatId, event) =>
    drivers.get(botId)?.onChatEvent(chatId, event, performance.now()),
  );
  try {
    log(
      `starting our services (${config.layout === 'host' ? 'one host process' : 'each its own process'}) and the baseline bot`,
    );
    ours = await startOurs(env, sandbox, config.layout);
    baseline = await startBaseline(sandbox);
    log(`ready: ours in ${ms(ours.stack.startToReadyMs)}, the baseline in ${ms(baseline.startToReadyMs)}`);
    const stageTap = await StageTap.open(env.amqpUrl);
    tap = stageTap;
    const bySide = {
      ours: new SideDriver(sandbox, ours.side, config, {
        onMatched: (shape, event) => shapes.record('ours', shape, event),
        onReplied: (updateId, sentAt, repliedAt) => stageTap.replied(updateId, sentAt, repliedAt),
      }),
      baseline: new SideDriver(sandbox, baseline.side, config, {
        onMatched: (shape, event) => shapes.record('baseline', shape, event),
      }),
    };
    for (const driver of Object.values(bySide)) {
      drivers.set(driver.side.bot.id, driver);
      driver.tracker.start();
    }
    const self: ProcessRef = { name: BENCH_PROCESS, pid: process.pid };
    const metricsSources = ours.stack.processes.map((service) => ({
      name: service.name,
      opsUrl: service.opsUrl,
    }));
    const watched = (): ProcessRef[] => [
      ...bySide.ours.side.processes(),
      ...bySide.baseline.side.processes(),
      self,
    ];

    await sleep(config.idleSettleMs);
    const rssIdle = Object.fromEntries(rssNow(watched()));

    const joins = {} as Record<SideLabel, PhaseResult>;
    for (const side of SIDES) {
      await bySide[side].settle();
      joins[side] = await runPhase(bySide[side], {
        label: `${config.initialUsers} users join`,
        rate: config.joinRate,
        seconds: config.initialUsers / config.joinRate,
        mix: only('join'),
      });
      logPhase(joins[side]);
    }

    const measure = async (
      side: SideLabel,
      label: string,
      rate: number,
      seconds: number,
    ): Promise<MeasuredPhase> => {
      const driver = bySide[side];
      // Both sides: what one left behind (an overloaded phase's backlog) weighs on the other too.
      const before = [await bySide.ours.settle(), await bySide.baseline.settle()];
      const stock = await driver.stockOffers(offersFor(config, rate, seconds));
      const after = await driver.settle();
      const settle = {
        ms: [...before, after].reduce((sum, step) => sum + step.ms, 0),
        quiet: [...before, after].every((step) => step.quiet),
      };
      if (!settle.quiet) log(`${side} still busy after ${ms(settle.ms)} of waiting; ${label} starts anyway`);
      const cpu = new CpuMeter(() => [...watched(), ...infraProcesses()]);
      const waits = new CpuMeter(watched, runQueueSeconds);
      const rss = rate === config.rssPhaseRate ? new RssSampler(watched, config.rssSampleMs) : undefined;
      stageTap.take();
      const metricsBefore = side === 'ours' ? await snapshotMetrics(metricsSources) : undefined;
      let cpuUse = new Map<string, number>();
      let waited = new Map<string, number>();
      let rssMax: Map<string, number> | undefined;
      const result = await runPhase(driver, {
        label,
        rate,
        seconds,
        mix: config.mix,
        window: {
          open: () => {
            cpu.open();
            waits.open();
            rss?.open();
          },
          close: () => {
            cpuUse = cpu.close();
            waited = waits.close();
            rssMax = rss?.close();
          },
        },
      });
      logPhase(result, settle.ms);
      const legs = side === 'ours' ? stageTap.take() : undefined;
      const metrics =
        metricsBefore === undefined
          ? undefined
          : metricsDelta(metricsBefore, await snapshotMetrics(metricsSources));
      return {
        result,
        ...(legs === undefined ? {} : { legs }),
        ...(metrics === undefined ? {} : { metrics }),
        sustained: sustained(result, config),
        cpu: Object.fromEntries(cpuUse),
        runQueueWait: Object.fromEntries(waited),
        ...(rssMax === undefined ? {} : { rssMax: Object.fromEntries(rssMax) }),
        stock,
        settle,
      };
    };

    for (const side of SIDES) await measure(side, 'warm-up', config.warmupRate, config.warmupSeconds);
    const phases: MeasuredPhase[] = [];
    for (const rate of config.rates) {
      for (const side of SIDES) phases.push(await measure(side, `${rate}/s`, rate, config.phaseSeconds));
    }

    const search: LoadRun['search'] = {};
    if (config.searchStepSeconds > 0) {
      for (const side of SIDES) {
        const fixed = phases
          .filter((phase) => phase.result.side === side)
          .map((phase) => ({ rate: phase.result.targetRate, sustained: phase.sustained }));
        search[side] = await searchSustained(config, fixed, async (rate) => {
          const phase = await measure(side, `search ${rate}/s`, rate, config.searchStepSeconds);
          return { result: phase.result, sustained: phase.sustained };
        });
        log(
          `${side}: highest sustained rate ${search[side].best}/s${search[side].capped ? ' (search cap)' : ''}`,
        );
      }
    }

    let egress: EgressResult | undefined;
    if (config.egressCount > 0) {
      log(
        `egress: ${config.egressCount} notifications to ${config.egressChats} chats under Telegram's limits`,
      );
      egress = await measureEgress(sandbox, config.egressCount, config.egressChats);
      log(
        `egress: ${egress.achieved.toFixed(2)} of ${egress.allowed} msg/s allowed in ${egress.seconds.toFixed(1)} s`,
      );
    }

    return {
      config,
      startToReadyMs: { ours: ours.stack.startToReadyMs, baseline: baseline.startToReadyMs },
      processes: {
        ours: ours.side.processes().map((process) => process.name),
        baseline: baseline.side.processes().map((process) => process.name),
      },
      rssIdle,
      joins,
      phases,
      search,
      egress,
      shapes: shapes.compare(),
      unsolicited: { ours: bySide.ours.tracker.unsolicited, baseline: bySide.baseline.tracker.unsolicited },
      serviceLogs: ours.stack.processes.map((service) => logSummary(service.name, service.child.logs())),
      sandboxStats: sandbox.stats(),
    };
  } finally {
    unsubscribe();
    for (const driver of drivers.values()) driver.tracker.stop();
    await tap?.close();
    await baseline?.stop();
    await ours?.stop();
    await sandbox.stop();
  }
}

function only(kind: ActionKind): Record<ActionKind, number> {
  return { join: 0, accept: 0, menu: 0, text: 0, [kind]: 1 };
}

function logPhase(result: PhaseResult, settledMs?: number): void {
  const { latency } = result;
  log(
    `${result.side} ${result.label}: ${result.sent} updates at ${Math.round(result.offeredRate)}/s` +
      (settledMs === undefined ? '; ' : ` (after ${ms(settledMs)} settling); `) +
      `p50 ${latency.p50.toFixed(1)} p95 ${latency.p95.toFixed(1)} p99 ${latency.p99.toFixed(1)} ms; ` +
      `lost ${result.lost}` +
      (result.forcedJoins > 0 ? `; forced joins ${result.forcedJoins}` : '') +
      (result.trailingMissing > 0 ? `; offer edits missing ${result.trailingMissing}` : ''),
  );
}

function log(line: string): void {
  console.error(`[load] ${line}`);
}

function ms(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}
