// Issue 7, chaos: under a scripted load of joins, dispatches and answers, every service is
// SIGKILLed in turn and restarted, the Bot API answers 429 for a while, RabbitMQ and PostgreSQL
// are restarted, the Bot API answers 5xx for a while. Afterwards every action had exactly one
// effect, every expected notification arrived once, nothing is parked or stuck, and an update
// delivered three times counted once. The test prints what it injected and what it counted; when
// it fails it also writes the services' logs, the chats and the ledger to a directory it names.
// Runs in the `serial` project: it restarts the servers every other test uses.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  STACK_ADMIN,
  sleep,
  startServiceStack,
  useTestEnv,
  waitFor,
  type ServiceStack,
} from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import { ChaosApi } from './support/chaos-rest.js';
import { ChaosLedger, type Technician } from './support/chaos-ledger.js';
import { ScriptedLoad } from './support/chaos-load.js';
import { faultPlan, restartCrashed, runFaults, type FaultRecord } from './support/chaos-faults.js';
import { describeParked, readRecordedEffects, waitUntilQuiet } from './support/chaos-effects.js';
import { judge, type WelcomeCounts } from './support/chaos-verdict.js';
import { renderReport } from './support/chaos-report.js';
import { ServiceLogs, writeEvidence } from './support/chaos-evidence.js';

/** A new join and a new dispatch this often, from the first fault to the last. */
const TICK_MS = 1_500;
/** Load between two faults. */
const GAP_MS = 1_500;
/** A killed service stays down this long (its messages pile up) before it is started again. */
const DOWN_MS = 1_000;
const STORM_MS = 5_000;
const TECHNICIANS = 6;
/** From the start of the test: flows stop waiting, then the quiet wait and the counting follow. */
const FLOWS_BUDGET_MS = 170_000;
const QUIET_BUDGET_MS = 15_000;
const TEST_TIMEOUT_MS = 215_000;

const env = useTestEnv('chaos');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let stack: ServiceStack;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'fieldgram_chaos_bot' });
  stack = await startServiceStack({
    env: env(),
    telegram: { apiRoot: sandbox.apiRoot, token: bot.token },
    // Kept in memory; written out as evidence when the run fails.
    logLevel: 'info',
    // Offers are answered at once: no reminder or escalation may add messages to the counts.
    serviceEnv: { task: { TASK_REMINDER_MINUTES: '10080', TASK_ESCALATION_MINUTES: '10080' } },
  });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await sandbox?.stop();
});

function botMessageCount(user: SandboxUser): number {
  return sandbox.chatLog(bot.token, user.id).filter((event) => event.kind === 'message').length;
}

/** Sends /start and waits for the replies to stop coming; returns how many there were. */
async function startAndCountReplies(user: SandboxUser, payload?: string): Promise<number> {
  await user.sendCommand(bot.token, 'start', payload);
  await waitFor(() => botMessageCount(user) > 0, {
    message: `a reply to ${user.username}`,
    timeoutMs: 20_000,
  });
  await sleep(1_500);
  return botMessageCount(user);
}

/** Technicians join before the chaos; a client joins too: how many replies a /start gets. */
async function warmUp(
  api: ChaosApi,
  runId: string,
): Promise<{ technicians: Technician[]; payload: string; welcome: WelcomeCounts }> {
  const { link } = await api.get<{ link: string }>('/invites/join-link?role=technician');
  const payload = new URL(link).searchParams.get('start') ?? '';
  const users = Array.from({ length: TECHNICIANS }, (_, i) =>
    sandbox.createUser({ firstName: `Tech${i}`, username: `chaos_${runId}_t${i}`, languageCode: 'en' }),
  );
  const counts = await Promise.all(users.map((user) => startAndCountReplies(user, payload)));
  expect(new Set(counts).size).toBe(1);
  const technicians = await Promise.all(
    users.map(async (user) => {
      const page = await api.get<{ items: { id: string; role: string }[] }>(`/users?q=${user.username}`);
      expect(page.items).toHaveLength(1);
      expect(page.items[0]?.role).toBe('technician');
      return { user, id: page.items[0]!.id };
    }),
  );
  const client = sandbox.createUser({
    firstName: 'Calibration',
    username: `chaos_${runId}_c`,
    languageCode: 'en',
  });
  const clientReplies = await startAndCountReplies(client);
  return { technicians, payload, welcome: { technician: counts[0]!, client: clientReplies } };
}

it(
  'under load and faults: every action one effect, every notification once, nothing parked',
  async () => {
    const testStartedAt = Date.now();
    const flowsDeadline = testStartedAt + FLOWS_BUDGET_MS;
    const runId = randomBytes(3).toString('hex');
    const api = await ChaosApi.login(stack.apiUrl, STACK_ADMIN, () => flowsDeadline);
    const { technicians, payload, welcome } = await warmUp(api, runId);

    const ledger = new ChaosLedger();
    const load = new ScriptedLoad({
      sandbox,
      botToken: bot.token,
      api,
      ledger,
      technicians,
      technicianPayload: payload,
      runId,
      deadline: () => flowsDeadline,
    });
    const crashes: string[] = [];
    const logs = new ServiceLogs(stack);
    const keepLogs = (service: string) => logs.archive(service);
    let redelivered: string[] = [];
    const origin = Date.now();
    load.start(TICK_MS);
    const plan = faultPlan({ stack, sandbox, downMs: DOWN_MS, stormMs: STORM_MS, beforeRestart: keepLogs });
    const faults: FaultRecord[] = await runFaults(plan, {
      gapMs: GAP_MS,
      origin,
      afterEach: async (index) => {
        crashes.push(...(await restartCrashed(stack, keepLogs)));
        // Mid-chaos, after bot-gateway's restart: two updates are delivered twice more each.
        if (plan[index]?.name === 'SIGKILL bot-gateway') redelivered = load.redeliverLatest(2);
      },
    });
    await sleep(GAP_MS);
    const chaosMs = Date.now() - origin;
    await load.stop();
    // A last user joins: once answered, every update queued before (the redelivered copies too)
    // has been taken by the gateway.
    const marker = load.join('client');
    await waitFor(() => botMessageCount(marker.user) >= welcome.client, {
      message: 'the last joiner welcomed',
      timeoutMs: Math.max(5_000, flowsDeadline - Date.now()),
    }).catch(() => undefined);
    const settledMs = Date.now() - origin;
    const quiet = await waitUntilQuiet(
      env(),
      Math.max(flowsDeadline, Date.now()) + QUIET_BUDGET_MS - Date.now(),
    );
    crashes.push(...(await restartCrashed(stack, keepLogs)));

    const effects = await readRecordedEffects(env().databaseUrl, {
      telegramIds: ledger.joins.map((join) => join.user.id),
      titlePrefix: `Chaos ${runId} task `,
      adminLogin: STACK_ADMIN.login,
    });
    const verdict = judge({ ledger, effects, sandbox, botToken: bot.token, welcome });
    const parked = await Promise.all(
      quiet.parked.map((queue) => describeParked(env().amqpUrl, queue.queue).catch(() => [])),
    );

    const total = (key: 'lost' | 'doubled') => verdict.rows.reduce((sum, row) => sum + row[key], 0);
    console.log(
      renderReport({
        runId,
        chaosMs,
        settledMs,
        faults,
        redelivered,
        botApi: sandbox.stats(),
        ledger,
        restFailures: api.totalFailures(),
        verdict,
        queues: quiet,
        parked: parked.flat(),
        crashes,
      }),
    );

    const failed =
      crashes.length > 0 ||
      verdict.problems.length > 0 ||
      quiet.parked.length > 0 ||
      quiet.busy.length > 0 ||
      quiet.unpublished > 0 ||
      ledger.tasks.some((task) => task.stuck);
    if (failed) {
      const dir = await writeEvidence({
        logs,
        sandbox,
        botToken: bot.token,
        ledger,
        databaseUrl: env().databaseUrl,
      });
      console.log(`evidence (service logs, chats, ledger, carried-out commands): ${dir}`);
    }

    expect(crashes).toEqual([]);
    expect(ledger.tasks.filter((task) => task.stuck).map((task) => task.stuck)).toEqual([]);
    expect(verdict.problems).toEqual([]);
    expect(total('lost')).toBe(0);
    expect(total('doubled')).toBe(0);
    expect(quiet.parked).toEqual([]);
    // Nothing stuck either: a message left unacknowledged (or waiting) for good is work never done.
    expect(quiet.busy).toEqual([]);
    expect(quiet.unpublished).toBe(0);
    expect(redelivered).toHaveLength(2);
    // The load really ran through the faults.
    expect(ledger.tasks.length).toBeGreaterThan(20);
    expect(faults.filter((fault) => !fault.hit && !fault.skipped).map((fault) => fault.fault)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
