import { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { newClaim, newWaybill } from '../../e2e/support/logistics-stories.js';
import type { TestEnv } from '../lib/env.js';
import { logSummary, type ServiceLogSummary } from '../lib/service-logs.js';
import { metricsDelta, snapshotMetrics, type MetricsDelta } from '../load/ops-metrics.js';
import type { SideLabel } from '../load/side.js';
import { ArrivalClock } from './arrival-clock.js';
import { startLogisticsBaseline, type LogisticsBaseline } from './baseline-rig.js';
import { recordedFileCount } from './claim-files.js';
import { claimAnswers, claimsRound, type ClaimsRound } from './claims-round.js';
import type { LogisticsConfig } from './config.js';
import { gatherCrowd, type Client } from './crowd.js';
import { startLogisticsOurs, type LogisticsOurs } from './ours-rig.js';
import { timeRenders, type RenderTiming } from './render-timing.js';
import { waybillRound, type WaybillRound } from './waybill-round.js';

export interface LogisticsRun {
  config: LogisticsConfig;
  startToReadyMs: Record<SideLabel, number>;
  /** Clients per manager in ours after the joins (the rule's spread), fewest and most. */
  clientsPerManager: { min: number; max: number };
  waybills: Record<SideLabel, WaybillRound>;
  claims: ClaimsRound;
  renders: RenderTiming;
  /** Waiting for each side to be idle before its round. */
  settledBefore: Record<'baselineWaybills' | 'oursWaybills' | 'claims', { ms: number; quiet: boolean }>;
  /** Ours: the services' own handler and request/reply times over each of its rounds. */
  metrics: { waybills: MetricsDelta; claims: MetricsDelta };
  /** Ours: what each service logged at warn level and above during the run. */
  serviceLogs: ServiceLogSummary[];
  sandboxStats: ReturnType<TelegramSandbox['stats']>;
}

/**
 * The logistics run (issue 13): ours and the baseline against one sandbox with its flood limits
 * off. The managers link their Telegram, the clients join both bots; a few warm-up clients go
 * through every story untimed; then the baseline's waybill round, ours' (each: every client at
 * the summary, then all confirm at once), ours' claims round, and last the in-process renders.
 */
export async function runLogistics(env: TestEnv, config: LogisticsConfig): Promise<LogisticsRun> {
  const sandbox = await TelegramSandbox.start({ limits: 'off' });
  let ours: LogisticsOurs | undefined;
  let baseline: LogisticsBaseline | undefined;
  let clock: ArrivalClock | undefined;
  try {
    log('starting our services (each its own process) and the baseline bot');
    ours = await startLogisticsOurs(env, sandbox, config);
    baseline = await startLogisticsBaseline(sandbox);
    log(
      `ready: ours in ${seconds(ours.stack.startToReadyMs)}, the baseline in ${seconds(baseline.startToReadyMs)}`,
    );
    const arrivals = new ArrivalClock(sandbox);
    clock = arrivals;
    const settle = (bot: { id: number }, backlog?: () => Promise<number>) => () =>
      arrivals.settle(bot.id, {
        quietMs: config.quietMs,
        maxMs: config.settleMaxMs,
        ...(backlog ? { backlog } : {}),
      });
    const settleOurs = settle(ours.bot, ours.backlog);
    const settleBaseline = settle(baseline.bot);
    const sources = ours.stack.processes.map(({ name, opsUrl }) => ({ name, opsUrl }));

    log(
      `${config.managers} managers link their Telegram, ${config.clients + config.warmupClients} clients join`,
    );
    const crowd = await gatherCrowd(sandbox, { ours: ours.bot, baseline: baseline.bot }, ours.admin, {
      clients: config.clients + config.warmupClients,
      managers: config.managers,
      replyTimeoutMs: config.replyTimeoutMs,
    });
    const perManager = crowd.managers.map(
      (manager) => crowd.clients.filter((client) => client.managerId === manager.user.id).length,
    );
    const warmup = crowd.clients.slice(0, config.warmupClients);
    const clients = crowd.clients.slice(config.warmupClients);
    log(`warm-up: ${warmup.length} clients make a waybill on each side and file a claim`);
    for (const [i, client] of warmup.entries()) await warmUp(client, config.clients + i, config.photos);

    const settledBaseline = await settleBaseline();
    log(`waybills, the baseline: ${clients.length} clients fill in the form, then confirm at once`);
    const baselineWaybills = await waybillRound(
      'baseline',
      clients.map((client) => client.baseline),
      arrivals,
      { spreadMs: config.spreadMs, settle: settleBaseline },
    );
    logWaybills(baselineWaybills);
    const settledOurs = await settleOurs();
    log(`waybills, ours: ${clients.length} clients fill in the form, then confirm at once`);
    const beforeWaybills = await snapshotMetrics(sources);
    const oursWaybills = await waybillRound(
      'ours',
      clients.map((client) => client.ours),
      arrivals,
      { spreadMs: config.spreadMs, settle: settleOurs },
    );
    const waybillMetrics = metricsDelta(beforeWaybills, await snapshotMetrics(sources));
    logWaybills(oursWaybills);

    const settledClaims = await settleOurs();
    const claimants = clients.flatMap((client, i) => {
      const waybillNumber = oursWaybills.numbers[i] ?? '';
      return waybillNumber === '' ? [] : [{ chat: client.ours, managerId: client.managerId, waybillNumber }];
    });
    log(`claims, ours: ${claimants.length} clients file a claim with a ${config.photos}-photo album`);
    const { admin } = ours;
    const beforeClaims = await snapshotMetrics(sources);
    const claims = await claimsRound(claimants, crowd.managers, arrivals, {
      photos: config.photos,
      spreadMs: config.spreadMs,
      pushTimeoutMs: config.pushTimeoutMs,
      settle: settleOurs,
      recordedFiles: (number) => recordedFileCount(admin, number),
    });
    const claimMetrics = metricsDelta(beforeClaims, await snapshotMetrics(sources));
    log(
      `claims: ${claims.filed} filed, texts ${claims.verdict.texts.found}/${claims.verdict.texts.expected}, ` +
        `albums ${claims.verdict.albums.found}/${claims.verdict.albums.expected}, albums apart from their text ${claims.verdict.albumsApart.length}, ` +
        `out of number order ${claims.verdict.outOfOrder}`,
    );

    log(`PDF renders: ${config.renders} per side in this process`);
    const renders = await timeRenders(config.renders);
    return {
      config,
      startToReadyMs: { ours: ours.stack.startToReadyMs, baseline: baseline.startToReadyMs },
      clientsPerManager: { min: Math.min(...perManager), max: Math.max(...perManager) },
      waybills: { ours: oursWaybills, baseline: baselineWaybills },
      claims,
      renders,
      settledBefore: { baselineWaybills: settledBaseline, oursWaybills: settledOurs, claims: settledClaims },
      metrics: { waybills: waybillMetrics, claims: claimMetrics },
      serviceLogs: ours.stack.processes.map((service) => logSummary(service.name, service.child.logs())),
      sandboxStats: sandbox.stats(),
    };
  } finally {
    clock?.stop();
    await baseline?.stop();
    await ours?.stop();
    await sandbox.stop();
  }
}

/** One client through every story, untimed: the first renders, forms and pushes of each side. */
async function warmUp(client: Client, index: number, photos: number): Promise<void> {
  await newWaybill(client.baseline);
  const made = await newWaybill(client.ours);
  await newClaim(client.ours, claimAnswers(index, made.number, photos));
}

function logWaybills(round: WaybillRound): void {
  log(
    `${round.side}: ${round.delivered}/${round.clients} PDFs, ${round.missing} missing, ${round.doubled} doubled` +
      (round.failures.length > 0 ? `; failures: ${round.failures.join(' | ')}` : ''),
  );
}

function log(line: string): void {
  console.error(`[logistics] ${line}`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
