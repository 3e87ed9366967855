// Issue 13, chaos of the logistics bot: clients make waybills and file claims (most with an album)
// through the bot, all at once, while the waybill and the claims services are SIGKILLed (twice
// each), kept down a second and started again; some clients tap Confirm exactly while the service
// is dead. Afterwards every confirm had one effect: one waybill per request with gap-free numbers
// and one PDF in the client's chat, one claim with gap-free numbers, its files copied, its manager
// told once (text and album) in filing order — and nothing parked or stuck on the bus.
// Runs in the `serial` project: it kills service processes and wants the machine to itself.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '@fieldgram/bot-ui';
import {
  ApiClient,
  STACK_ADMIN,
  sleep,
  startServiceStack,
  useTestEnv,
  waitFor,
  type ServiceStack,
} from '@fieldgram/testkit';
import { TelegramSandbox, textOf, type SandboxBot } from '@fieldgram/telegram-sandbox';
import { restartCrashed, runFaults } from './support/chaos-faults.js';
import { describeParked, waitUntilQuiet, type Quiet } from './support/chaos-effects.js';
import { ServiceLogs } from './support/chaos-evidence.js';
import { castClients, castManager, type CastManager } from './support/logistics-chaos-cast.js';
import { readLogisticsEffects, type LogisticsEffects } from './support/logistics-chaos-effects.js';
import { writeLogisticsEvidence } from './support/logistics-chaos-evidence.js';
import { LogisticsLedger, LogisticsLoad, type Confirmed } from './support/logistics-chaos-load.js';
import { OutageWatch, outagePlan, type KilledService } from './support/logistics-chaos-outages.js';
import {
  renderLogisticsReport,
  reportPasses,
  type LogisticsReport,
} from './support/logistics-chaos-report.js';
import { allDelivered, countEffects, numberingProblems } from './support/logistics-chaos-verdict.js';

const MANAGERS = 4;
const CLIENTS = 24;
/** Client index → the outage their first Confirm (of that kind) waits for. */
const HOLDS = new Map<number, KilledService>([
  [0, 'waybill'],
  [5, 'waybill'],
  [2, 'claims'],
  [7, 'claims'],
]);
// Claims first: its holders are at their summary soonest (their first claim needs no waybill).
const KILLS: readonly KilledService[] = ['claims', 'waybill', 'claims', 'waybill'];
/** A killed service stays down this long (its requests and events pile up) before it is started again. */
const DOWN_MS = 1_000;
/** Load between two kills, and after the last before no new rounds start. */
const GAP_MS = 4_000;
/** The longest a kill waits for the clients meant to meet it to be at their summary. */
const HOLD_MS = 45_000;
/** An update that met a dead service is retried 30 s later: a person waits that long for an answer. */
const REPLY_TIMEOUT_MS = 90_000;
const QUIET_BUDGET_MS = 60_000;
const RUN_TIMEOUT_MS = 200_000;

const env = useTestEnv('logistics-chaos');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let stack: ServiceStack;
let admin: ApiClient;

/** What the run left, judged by the tests after it. */
let run: {
  ledger: LogisticsLedger;
  watch: OutageWatch;
  effects: LogisticsEffects;
  quiet: Quiet;
  report: LogisticsReport;
};

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'fieldgram_logistics_chaos_bot' });
  stack = await startServiceStack({
    env: env(),
    telegram: { apiRoot: sandbox.apiRoot, token: bot.token },
    // Kept in memory; written out as evidence when the run fails.
    logLevel: 'info',
  });
  admin = await ApiClient.login(stack.apiUrl, STACK_ADMIN.login, STACK_ADMIN.password);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await sandbox?.stop();
});

const TRY_LATER = new Set([t('en', 'waybill.unavailable'), t('en', 'claim.unavailable')]);

function confirmedDuring(
  watch: OutageWatch,
  service: KilledService,
  made: readonly Confirmed[],
): Confirmed[] {
  return made.filter((item) => watch.during(service, item.confirmedAt));
}

describe('the logistics bot under SIGKILLs of waybill and claims (issue 13)', () => {
  it(
    'under load, waybill and claims are SIGKILLed and restarted; every person is answered',
    async () => {
      const runId = randomBytes(3).toString('hex');
      const cast = { sandbox, botToken: bot.token, admin, runId, replyTimeoutMs: REPLY_TIMEOUT_MS };
      // One by one: the rule gives a new client the manager with the fewest, the oldest first.
      const managers: CastManager[] = [];
      for (let i = 0; i < MANAGERS; i++) managers.push(await castManager(cast, i));
      const clients = await castClients(cast, CLIENTS);

      const ledger = new LogisticsLedger();
      const watch = new OutageWatch();
      const load = new LogisticsLoad({ clients, ledger, watch, holds: HOLDS, staggerMs: 250 });
      const logs = new ServiceLogs(stack);
      const keepLogs = (service: string) => logs.archive(service);
      const crashes: string[] = [];
      const origin = Date.now();
      load.start();
      const plan = outagePlan(
        {
          stack,
          sandbox,
          downMs: DOWN_MS,
          kills: KILLS,
          // The first kill of each service waits for its holders to be at their summary.
          before: (service, index) => (index < 2 ? load.heldFor(service) : Promise.resolve()),
          holdMs: HOLD_MS,
          beforeRestart: keepLogs,
        },
        watch,
      );
      const faults = await runFaults(plan, {
        gapMs: GAP_MS,
        origin,
        afterEach: async () => {
          crashes.push(...(await restartCrashed(stack, keepLogs)));
        },
      });
      await sleep(GAP_MS);
      await load.stop();
      const loadMs = Date.now() - origin;

      // The pushes are paced (one message a second per chat): wait until every expected one is in.
      await waitFor(() => allDelivered(managers, clients, ledger), {
        message: 'every PDF and manager push delivered',
        timeoutMs: QUIET_BUDGET_MS,
        intervalMs: 1_000,
      }).catch(() => undefined);
      const quiet = await waitUntilQuiet(env(), QUIET_BUDGET_MS);
      const settledMs = Date.now() - origin;
      crashes.push(...(await restartCrashed(stack, keepLogs)));
      const effects = await readLogisticsEffects(env().databaseUrl);
      const parked = await Promise.all(
        quiet.parked.map((queue) => describeParked(env().amqpUrl, queue.queue).catch(() => [])),
      );

      const report: LogisticsReport = {
        runId,
        loadMs,
        settledMs,
        faults,
        ledger,
        clients: clients.length,
        managers: managers.length,
        confirmedDuringOutage: {
          waybill: confirmedDuring(watch, 'waybill', ledger.waybills).length,
          claims: confirmedDuring(watch, 'claims', ledger.claims).length,
        },
        toldTryLater: clients
          .flatMap((client) => client.chat.botMessages())
          .filter((event) => TRY_LATER.has(textOf(event))).length,
        counted: countEffects(managers, clients, ledger, effects),
        numbering: [...numberingProblems('WB', effects.waybills), ...numberingProblems('CL', effects.claims)],
        queues: quiet,
        parked: parked.flat(),
        crashes,
      };
      console.log(renderLogisticsReport(report));
      run = { ledger, watch, effects, quiet, report };
      if (!reportPasses(report))
        console.log(
          `evidence (service logs, chats): ${writeLogisticsEvidence(logs, [
            ...managers.map((m) => m.chat),
            ...clients.map((c) => c.chat),
          ])}`,
        );

      // Each kill a real SIGKILL; nothing else died; every person's flow was answered.
      expect(faults.filter((fault) => !fault.hit).map((fault) => `${fault.fault}: ${fault.detail}`)).toEqual(
        [],
      );
      expect(faults.map((fault) => fault.fault)).toEqual(KILLS.map((service) => `SIGKILL ${service}`));
      expect(crashes).toEqual([]);
      expect(ledger.failures).toEqual([]);
      expect(report.toldTryLater).toBe(0);
      // The load really ran through the kills: every client made at least one round.
      expect(ledger.waybills.length).toBeGreaterThanOrEqual(CLIENTS);
      expect(ledger.claims.length).toBeGreaterThanOrEqual(CLIENTS);
      expect(ledger.claims.filter((claim) => claim.photos > 0).length).toBeGreaterThan(CLIENTS / 2);
    },
    RUN_TIMEOUT_MS,
  );

  it('S1-02: a Confirm tapped while waybill was down still made its waybill and sent its PDF (the bus retried it)', () => {
    const during = confirmedDuring(run.watch, 'waybill', run.ledger.waybills);
    expect(during.length).toBeGreaterThan(0);
    for (const made of during) {
      expect(run.effects.waybills.map((row) => row.number)).toContain(made.number);
      const documents = made.client.chat.botMessages().map((event) => event.message?.document?.file_name);
      expect(documents.filter((name) => name === `${made.number}.pdf`)).toHaveLength(1);
    }
  });

  it('S1-02: every confirmed waybill exists once (one per client request), numbered WB-<year>-… without gaps or duplicates', () => {
    const { waybills } = run.report.counted;
    expect(waybills.problems).toEqual([]);
    expect(waybills.tally).toMatchObject({ lost: 0, doubled: 0 });
    expect(run.effects.waybills).toHaveLength(run.ledger.waybills.length);
    expect(numberingProblems('WB', run.effects.waybills)).toEqual([]);
  });

  it('S1-02: every client got exactly one PDF document per waybill; each manager one push per waybill', () => {
    const { pdfs, waybillPushes } = run.report.counted;
    expect(pdfs.problems).toEqual([]);
    expect(pdfs.documents).toBe(run.ledger.waybills.length);
    expect(waybillPushes.problems).toEqual([]);
    expect(waybillPushes.tally.found).toBe(run.ledger.waybills.length);
  });

  it('S1-03: a Confirm tapped while claims was down still filed its claim', () => {
    const during = confirmedDuring(run.watch, 'claims', run.ledger.claims);
    expect(during.length).toBeGreaterThan(0);
    for (const filed of during) expect(run.effects.claims.map((row) => row.number)).toContain(filed.number);
  });

  it('S1-03: every filed claim exists once, numbered CL-<year>-… without gaps or duplicates', () => {
    const { claims } = run.report.counted;
    expect(claims.problems).toEqual([]);
    expect(claims.tally).toMatchObject({ lost: 0, doubled: 0 });
    expect(run.effects.claims).toHaveLength(run.ledger.claims.length);
    expect(numberingProblems('CL', run.effects.claims)).toEqual([]);
  });

  it('S1-03/S1-06: every claim’s photos are kept and all copied into storage', () => {
    const { files } = run.report.counted;
    expect(files.problems).toEqual([]);
    const photos = run.ledger.claims.reduce((sum, claim) => sum + claim.photos, 0);
    expect(files.tally).toMatchObject({ expected: photos, found: photos });
  });

  it('S1-03/S1-06: each manager got every claim push exactly once (text, then album), in filing order', () => {
    const { counts, order } = run.report.counted.claimPushes;
    expect(counts.problems).toEqual([]);
    expect(counts.texts).toMatchObject({ expected: run.ledger.claims.length, lost: 0, doubled: 0 });
    const albums = run.ledger.claims.filter((claim) => claim.photos > 0).length;
    expect(counts.albums).toMatchObject({ expected: albums, lost: 0, doubled: 0 });
    expect(order).toEqual([]);
  });

  it('nothing lost on the bus: no dead letters, every queue drained, every outbox published', () => {
    expect(run.report.parked).toEqual([]);
    expect(run.quiet.parked).toEqual([]);
    expect(run.quiet.busy).toEqual([]);
    expect(run.quiet.unpublished).toBe(0);
    expect(run.quiet.quiet).toBe(true);
  });
});
