// Issue 15, a crash of the one host process: by default every service runs in one process, so a
// crash takes them all down at once — the bot gateway with the services it calls, every outbox
// with its publisher. Under a load of technicians answering dispatched tasks (the chaos run's
// scripted load) and clients making waybills and filing claims (the logistics chaos run's), the
// host is SIGKILLed twice, kept down a second and started again; some clients tap Confirm while it
// is dead. Each kill comes while the Bot API hangs, once the gateway recorded every call answered
// before: a call Telegram carried out but the gateway had not recorded yet is the one thing a
// crash may send twice (docs/operations.md), and here it is kept out of the count (see
// support/host-crash-hold.ts). Afterwards every action had exactly one effect, every notification
// came once, and nothing is parked or stuck — judged by the split-layout chaos tests' judges.
// Runs in the `serial` project: it kills the process every service runs in.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '@fieldgram/bot-ui';
import {
  ApiClient,
  SERVICE_NAMES,
  STACK_ADMIN,
  sleep,
  startServiceStack,
  useTestEnv,
  waitFor,
  type ServiceStack,
} from '@fieldgram/testkit';
import { TelegramSandbox, textOf, type SandboxBot } from '@fieldgram/telegram-sandbox';
import { describeParked, readRecordedEffects, waitUntilQuiet, type Quiet } from './support/chaos-effects.js';
import { ServiceLogs, writeEvidence } from './support/chaos-evidence.js';
import { restartCrashed, runFaults, type FaultRecord } from './support/chaos-faults.js';
import { ChaosLedger } from './support/chaos-ledger.js';
import { ScriptedLoad } from './support/chaos-load.js';
import { renderReport } from './support/chaos-report.js';
import { ChaosApi } from './support/chaos-rest.js';
import { judge, type Verdict } from './support/chaos-verdict.js';
import { hostCrashPlan } from './support/host-crash-outages.js';
import { botMessageCount, warmUpTechnicians } from './support/host-crash-technicians.js';
import { castClients, castManager, type CastManager } from './support/logistics-chaos-cast.js';
import { readLogisticsEffects, type LogisticsEffects } from './support/logistics-chaos-effects.js';
import { writeLogisticsEvidence } from './support/logistics-chaos-evidence.js';
import { LogisticsLedger, LogisticsLoad, type Confirmed } from './support/logistics-chaos-load.js';
import { OutageWatch, type KilledService } from './support/logistics-chaos-outages.js';
import {
  renderLogisticsReport,
  reportPasses,
  type LogisticsReport,
} from './support/logistics-chaos-report.js';
import { allDelivered, countEffects, numberingProblems } from './support/logistics-chaos-verdict.js';

const KILLS = 2;
/** The killed host stays down this long (updates and events pile up) before it is started again. */
const DOWN_MS = 1_000;
/** Load before the first kill, between the kills, and after the last before no new work starts. */
const GAP_MS = 5_000;
const MANAGERS = 3;
const CLIENTS = 12;
const TECHNICIANS = 4;
/** A new join and a new dispatch this often while the host is being killed. */
const TICK_MS = 2_000;
/** Client index → the outage their first Confirm (of that kind) waits for: the host's first. */
const HOLDS = new Map<number, KilledService>([
  [0, 'waybill'],
  [4, 'waybill'],
  [2, 'claims'],
  [6, 'claims'],
]);
/** The longest the first kill waits for the holders to be at their summary. */
const HOLD_MS = 30_000;
const REPLY_TIMEOUT_MS = 60_000;
/** From the start of the run: dispatch flows stop waiting; then the deliveries and the quiet wait. */
const FLOWS_BUDGET_MS = 110_000;
const QUIET_BUDGET_MS = 30_000;
const RUN_TIMEOUT_MS = 190_000;

const env = useTestEnv('host-crash');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let stack: ServiceStack;
let admin: ApiClient;

/** What the run left, judged by the tests after it. */
let run: {
  faults: FaultRecord[];
  verdict: Verdict;
  dispatch: ChaosLedger;
  redelivered: string[];
  logistics: LogisticsLedger;
  watch: OutageWatch;
  effects: LogisticsEffects;
  quiet: Quiet;
  report: LogisticsReport;
};

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'fieldgram_host_crash_bot' });
  stack = await startServiceStack({
    env: env(),
    telegram: { apiRoot: sandbox.apiRoot, token: bot.token },
    // Kept in memory; written out as evidence when the run fails.
    logLevel: 'info',
    // Offers are answered at once: no reminder or escalation may add messages to the counts.
    serviceEnv: { task: { TASK_REMINDER_MINUTES: '10080', TASK_ESCALATION_MINUTES: '10080' } },
    layout: 'host',
  });
  admin = await ApiClient.login(stack.apiUrl, STACK_ADMIN.login, STACK_ADMIN.password);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await sandbox?.stop();
});

const TRY_LATER = new Set([t('en', 'waybill.unavailable'), t('en', 'claim.unavailable')]);

const confirmedDuring = (watch: OutageWatch, service: KilledService, made: readonly Confirmed[]) =>
  made.filter((item) => watch.during(service, item.confirmedAt));

describe('every service in one host process, SIGKILLed twice under load (issue 15)', () => {
  it(
    'under dispatch and logistics load the host is SIGKILLed twice and restarted; every person is answered',
    async () => {
      expect(stack.processes.map((process) => process.name)).toEqual(['host#0']);
      expect(stack.get('host').services).toEqual(SERVICE_NAMES);
      const startedAt = Date.now();
      const flowsDeadline = startedAt + FLOWS_BUDGET_MS;
      const runId = randomBytes(3).toString('hex');
      const api = await ChaosApi.login(stack.apiUrl, STACK_ADMIN, () => flowsDeadline);
      // Managers first, one by one: every client then gets one by the rule.
      const cast = { sandbox, botToken: bot.token, admin, runId, replyTimeoutMs: REPLY_TIMEOUT_MS };
      const managers: CastManager[] = [];
      for (let i = 0; i < MANAGERS; i++) managers.push(await castManager(cast, i));
      const clients = await castClients(cast, CLIENTS);
      const { technicians, payload, welcome } = await warmUpTechnicians({
        sandbox,
        botToken: bot.token,
        api,
        runId,
        technicians: TECHNICIANS,
      });

      const dispatch = new ChaosLedger();
      const dispatchLoad = new ScriptedLoad({
        sandbox,
        botToken: bot.token,
        api,
        ledger: dispatch,
        technicians,
        technicianPayload: payload,
        runId,
        deadline: () => flowsDeadline,
      });
      const logistics = new LogisticsLedger();
      const watch = new OutageWatch();
      const logisticsLoad = new LogisticsLoad({
        clients,
        ledger: logistics,
        watch,
        holds: HOLDS,
        staggerMs: 250,
      });
      const logs = new ServiceLogs(stack);
      const keepLogs = (service: string) => logs.archive(service);
      const crashes: string[] = [];
      let redelivered: string[] = [];
      const origin = Date.now();
      logisticsLoad.start();
      dispatchLoad.start(TICK_MS);
      const plan = hostCrashPlan(
        {
          stack,
          sandbox,
          databaseUrl: env().databaseUrl,
          kills: KILLS,
          downMs: DOWN_MS,
          // The first kill waits for the clients holding their Confirm to be at their summary.
          before: (index) =>
            index === 0
              ? Promise.all([logisticsLoad.heldFor('waybill'), logisticsLoad.heldFor('claims')])
              : Promise.resolve(),
          holdMs: HOLD_MS,
          beforeRestart: keepLogs,
        },
        watch,
      );
      const faults = await runFaults(plan, {
        gapMs: GAP_MS,
        origin,
        afterEach: async (index) => {
          crashes.push(...(await restartCrashed(stack, keepLogs)));
          // After the first restart: two updates are delivered twice more each.
          if (index === 0) redelivered = dispatchLoad.redeliverLatest(2);
        },
      });
      await sleep(GAP_MS);
      await Promise.all([dispatchLoad.stop(), logisticsLoad.stop()]);
      const loadMs = Date.now() - origin;
      // A last user joins: once answered, every update queued before has been taken by the gateway.
      const marker = dispatchLoad.join('client');
      await waitFor(() => botMessageCount(sandbox, bot.token, marker.user) >= welcome.client, {
        message: 'the last joiner welcomed',
        timeoutMs: Math.max(5_000, flowsDeadline - Date.now()),
      }).catch(() => undefined);
      // The pushes are paced (one message a second per chat): wait until every expected one is in.
      await waitFor(() => allDelivered(managers, clients, logistics), {
        message: 'every PDF and manager push delivered',
        timeoutMs: QUIET_BUDGET_MS,
        intervalMs: 1_000,
      }).catch(() => undefined);
      const quiet = await waitUntilQuiet(env(), QUIET_BUDGET_MS);
      const settledMs = Date.now() - origin;
      crashes.push(...(await restartCrashed(stack, keepLogs)));

      const recorded = await readRecordedEffects(env().databaseUrl, {
        telegramIds: dispatch.joins.map((join) => join.user.id),
        titlePrefix: `Chaos ${runId} task `,
        adminLogin: STACK_ADMIN.login,
      });
      const verdict = judge({ ledger: dispatch, effects: recorded, sandbox, botToken: bot.token, welcome });
      const effects = await readLogisticsEffects(env().databaseUrl);
      const parked = (
        await Promise.all(
          quiet.parked.map((queue) => describeParked(env().amqpUrl, queue.queue).catch(() => [])),
        )
      ).flat();
      const report: LogisticsReport = {
        runId,
        loadMs,
        settledMs,
        faults,
        ledger: logistics,
        clients: clients.length,
        managers: managers.length,
        confirmedDuringOutage: {
          waybill: confirmedDuring(watch, 'waybill', logistics.waybills).length,
          claims: confirmedDuring(watch, 'claims', logistics.claims).length,
        },
        toldTryLater: clients
          .flatMap((client) => client.chat.botMessages())
          .filter((event) => TRY_LATER.has(textOf(event))).length,
        counted: countEffects(managers, clients, logistics, effects),
        numbering: [...numberingProblems('WB', effects.waybills), ...numberingProblems('CL', effects.claims)],
        queues: quiet,
        parked,
        crashes,
      };
      console.log(
        [
          `host crash run ${runId}: ${SERVICE_NAMES.length} services in one process, SIGKILLed ${KILLS}× ` +
            `(down ${DOWN_MS} ms each); the whole test took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
          '',
          '=== the dispatch load (technicians, tasks), judged as in the chaos run ===',
          renderReport({
            runId,
            chaosMs: loadMs,
            settledMs,
            faults,
            redelivered,
            botApi: sandbox.stats(),
            ledger: dispatch,
            restFailures: api.totalFailures(),
            verdict,
            queues: quiet,
            parked,
            crashes,
          }),
          '',
          '=== the logistics load (clients, managers), judged as in the logistics chaos run ===',
          // Its INJECTED table repeats the one above: the same two kills.
          renderLogisticsReport(report),
        ].join('\n'),
      );
      run = { faults, verdict, dispatch, redelivered, logistics, watch, effects, quiet, report };

      const dispatchPasses =
        verdict.problems.length === 0 && dispatch.tasks.every((task) => !task.stuck) && quiet.quiet;
      if (!dispatchPasses || !reportPasses(report)) {
        const dispatchDir = await writeEvidence({
          logs,
          sandbox,
          botToken: bot.token,
          ledger: dispatch,
          databaseUrl: env().databaseUrl,
        });
        const logisticsDir = writeLogisticsEvidence(logs, [
          ...managers.map((manager) => manager.chat),
          ...clients.map((client) => client.chat),
        ]);
        console.log(
          `evidence: ${dispatchDir} (logs, technicians, ledger); ${logisticsDir} (clients, managers)`,
        );
      }

      // Each kill a real SIGKILL of the host; nothing else died; every person's flow was answered.
      expect(faults.map((fault) => fault.fault)).toEqual(Array.from({ length: KILLS }, () => 'SIGKILL host'));
      expect(faults.filter((fault) => !fault.hit).map((fault) => `${fault.fault}: ${fault.detail}`)).toEqual(
        [],
      );
      expect(crashes).toEqual([]);
      expect(dispatch.tasks.filter((task) => task.stuck).map((task) => task.stuck)).toEqual([]);
      expect(logistics.failures).toEqual([]);
      expect(report.toldTryLater).toBe(0);
      // The load really ran through the kills.
      expect(dispatch.tasks.length).toBeGreaterThanOrEqual(10);
      expect(logistics.waybills.length).toBeGreaterThanOrEqual(CLIENTS);
      expect(logistics.claims.length).toBeGreaterThanOrEqual(CLIENTS);
      expect(logistics.claims.filter((claim) => claim.photos > 0).length).toBeGreaterThan(CLIENTS / 2);
    },
    RUN_TIMEOUT_MS,
  );

  it('S0-02…S0-05, S0-06…S0-10, S0-12, S0-13: every join, dispatch and answer had exactly one effect and every notification came once', () => {
    const total = (key: 'lost' | 'doubled') => run.verdict.rows.reduce((sum, row) => sum + row[key], 0);
    expect(run.verdict.problems).toEqual([]);
    expect(total('lost')).toBe(0);
    expect(total('doubled')).toBe(0);
  });

  it('S0-03/S0-04, S0-09: an update delivered three times after a host restart counted once', () => {
    expect(run.redelivered).toHaveLength(2);
    const row = run.verdict.rows.find(
      (candidate) => candidate.effect === 'updates delivered 3×: effect once',
    );
    expect(row).toMatchObject({ expected: 2, found: 2, lost: 0, doubled: 0 });
  });

  it('S1-02/S1-03: Confirms tapped while the host was down still made their waybill (with its PDF) and filed their claim', () => {
    const waybills = confirmedDuring(run.watch, 'waybill', run.logistics.waybills);
    const claims = confirmedDuring(run.watch, 'claims', run.logistics.claims);
    expect(waybills.length).toBeGreaterThan(0);
    expect(claims.length).toBeGreaterThan(0);
    for (const made of waybills) {
      expect(run.effects.waybills.map((row) => row.number)).toContain(made.number);
      const documents = made.client.chat.botMessages().map((event) => event.message?.document?.file_name);
      expect(documents.filter((name) => name === `${made.number}.pdf`)).toHaveLength(1);
    }
    for (const filed of claims) expect(run.effects.claims.map((row) => row.number)).toContain(filed.number);
  });

  it('S1-02: every confirmed waybill exists once, numbered without gaps; one PDF per waybill to its client, one push to its manager', () => {
    const { waybills, pdfs, waybillPushes } = run.report.counted;
    expect(waybills.problems).toEqual([]);
    expect(waybills.tally).toMatchObject({ lost: 0, doubled: 0 });
    expect(run.effects.waybills).toHaveLength(run.logistics.waybills.length);
    expect(numberingProblems('WB', run.effects.waybills)).toEqual([]);
    expect(pdfs.problems).toEqual([]);
    expect(pdfs.documents).toBe(run.logistics.waybills.length);
    expect(waybillPushes.problems).toEqual([]);
    expect(waybillPushes.tally.found).toBe(run.logistics.waybills.length);
  });

  it('S1-03/S1-06: every filed claim exists once, numbered without gaps, its photos copied; its manager told once (text, then album), in filing order', () => {
    const { claims, files, claimPushes } = run.report.counted;
    expect(claims.problems).toEqual([]);
    expect(claims.tally).toMatchObject({ lost: 0, doubled: 0 });
    expect(run.effects.claims).toHaveLength(run.logistics.claims.length);
    expect(numberingProblems('CL', run.effects.claims)).toEqual([]);
    const photos = run.logistics.claims.reduce((sum, claim) => sum + claim.photos, 0);
    expect(files.problems).toEqual([]);
    expect(files.tally).toMatchObject({ expected: photos, found: photos });
    expect(claimPushes.counts.problems).toEqual([]);
    expect(claimPushes.counts.texts).toMatchObject({
      expected: run.logistics.claims.length,
      lost: 0,
      doubled: 0,
    });
    const albums = run.logistics.claims.filter((claim) => claim.photos > 0).length;
    expect(claimPushes.counts.albums).toMatchObject({ expected: albums, lost: 0, doubled: 0 });
    expect(claimPushes.order).toEqual([]);
  });

  it('nothing lost on the bus: no dead letters, every queue drained, every outbox published', () => {
    expect(run.report.parked).toEqual([]);
    expect(run.quiet.parked).toEqual([]);
    expect(run.quiet.busy).toEqual([]);
    expect(run.quiet.unpublished).toBe(0);
    expect(run.quiet.quiet).toBe(true);
  });
});
