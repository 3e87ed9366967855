import { sleep } from '@fieldgram/testkit';
import type { Task, TaskSummary } from '@fieldgram/contracts';
import type { ChatEvent, TelegramMessage, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import type { ChaosLedger, JoinAction, TaskAction, TaskStep, Technician } from './chaos-ledger.js';
import type { ChaosApi } from './chaos-rest.js';

export interface LoadContext {
  sandbox: TelegramSandbox;
  botToken: string;
  api: ChaosApi;
  ledger: ChaosLedger;
  technicians: readonly Technician[];
  /** The technicians' join-link payload. */
  technicianPayload: string;
  /** Makes names unique to this run. */
  runId: string;
  /** Epoch ms after which flows stop waiting for effects. */
  deadline: () => number;
}

/**
 * After a write whose outcome is unknown, how long to wait before reading the state: the API's
 * request deadline (RPC_TIMEOUT_MS, 5 s) plus a margin, so a request still in flight has either
 * taken effect or been dropped by then and a retry cannot double it.
 */
const SETTLE_MS = 8_000;
const POLL_MS = 750;
const MAX_WRITE_TRIES = 6;
const CLIENT = { name: 'Chaos Client', phone: '+79990000000', address: 'Chaos street 1', notes: null };

export const taskButton = (action: 'accept' | 'reject' | 'skip' | 'complete', taskId: string): string =>
  `task:${action}:${taskId}`;

export function hasButton(message: TelegramMessage | undefined, data: string): boolean {
  return (message?.reply_markup?.inline_keyboard ?? []).some((row) =>
    row.some((button) => button.callback_data === data),
  );
}

/**
 * The scripted load: every tick one new user joins (/start, technician or client) and the admin
 * dispatches one task (create with its technician → send), which the technician then answers in
 * the bot — Accept (then the admin releases the client info and the technician completes) or
 * Reject with a reason. Each flow runs on its own; the ledger records what was performed.
 */
export class ScriptedLoad {
  private readonly flows: Promise<void>[] = [];
  private loop: Promise<void> | undefined;
  private running = false;
  /** One reject dialog at a time per technician: the reason goes to the chat's open question. */
  private readonly rejectChains = new Map<number, Promise<void>>();

  constructor(private readonly ctx: LoadContext) {}

  start(tickMs: number): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        this.join(this.ctx.ledger.joins.length % 2 === 0 ? 'technician' : 'client');
        this.dispatch(this.ctx.ledger.tasks.length % 4 === 3 ? 'reject' : 'accept');
        await sleep(tickMs);
      }
    })();
  }

  /** Stops starting flows and waits for every flow to finish (or give up at the deadline). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all(this.flows);
  }

  join(role: JoinAction['role']): JoinAction {
    const { sandbox, botToken, runId, ledger } = this.ctx;
    const index = ledger.joins.length;
    const user = sandbox.createUser({
      firstName: `Joiner${index}`,
      lastName: runId,
      username: `chaos_${runId}_${index}`,
      languageCode: 'en',
    });
    const action: JoinAction = { user, role, updateId: 0, redelivered: 0 };
    ledger.joins.push(action);
    const payload = role === 'technician' ? this.ctx.technicianPayload : undefined;
    // The sandbox's user actions are synchronous: the update is queued when this returns.
    void user.sendCommand(botToken, 'start', payload).then((sent) => (action.updateId = sent.updateId));
    return action;
  }

  dispatch(answer: TaskAction['answer']): void {
    const { ledger, technicians, runId } = this.ctx;
    const index = ledger.tasks.length;
    const action: TaskAction = {
      index,
      title: `Chaos ${runId} task ${index}`,
      technician: technicians[index % technicians.length]!,
      answer,
      performed: [],
      presses: [],
      done: false,
    };
    ledger.tasks.push(action);
    this.flows.push(
      this.taskFlow(action).catch((error: unknown) => {
        action.stuck = error instanceof Error ? error.message.slice(0, 300) : String(error);
      }),
    );
  }

  /** Delivers the latest join's /start and the latest accept press `times` more times each. */
  redeliverLatest(times: number): string[] {
    const { sandbox, botToken, ledger } = this.ctx;
    const done: string[] = [];
    const join = ledger.joins.findLast((candidate) => candidate.updateId > 0);
    if (join) {
      sandbox.redeliver(botToken, join.updateId, times);
      join.redelivered += times;
      done.push(`/start of ${join.user.username ?? join.user.id} (update ${join.updateId})`);
    }
    const press = ledger.tasks.findLast((candidate) => candidate.acceptUpdate !== undefined);
    if (press?.acceptUpdate) {
      sandbox.redeliver(botToken, press.acceptUpdate.updateId, times);
      press.acceptUpdate.redelivered += times;
      done.push(`Accept of task #${press.number} (update ${press.acceptUpdate.updateId})`);
    }
    return done;
  }

  private async taskFlow(action: TaskAction): Promise<void> {
    const task = await this.create(action);
    action.taskId = task.id;
    action.number = task.number;
    action.performed.push('create');
    await this.send(action, task.id);
    if (action.answer === 'accept') await this.acceptFlow(action, task.id);
    else await this.onRejectChain(action.technician, () => this.rejectFlow(action, task.id));
    action.done = true;
  }

  private async acceptFlow(action: TaskAction, taskId: string): Promise<void> {
    const { user } = action.technician;
    const offer = await this.waitForBotMessage(action, 'offer', (m) =>
      hasButton(m, taskButton('accept', taskId)),
    );
    const pressed = await user.pressButton(this.ctx.botToken, offer.messageId!, taskButton('accept', taskId));
    action.presses.push({ button: 'accept', callbackQueryId: pressed.callbackQueryId });
    action.acceptUpdate = { updateId: pressed.updateId, redelivered: 0 };
    action.performed.push('accept');
    await this.releaseClientInfo(action, taskId);
    const info = await this.waitForBotMessage(action, 'client info', (m) =>
      hasButton(m, taskButton('complete', taskId)),
    );
    const completed = await user.pressButton(
      this.ctx.botToken,
      info.messageId!,
      taskButton('complete', taskId),
    );
    action.presses.push({ button: 'complete', callbackQueryId: completed.callbackQueryId });
    action.performed.push('complete');
    await this.waitForBotMessage(action, 'completion', (m) =>
      (m?.text ?? '').startsWith(`Task #${action.number} marked as completed`),
    );
  }

  private async rejectFlow(action: TaskAction, taskId: string): Promise<void> {
    const { user } = action.technician;
    const offer = await this.waitForBotMessage(action, 'offer', (m) =>
      hasButton(m, taskButton('reject', taskId)),
    );
    const pressed = await user.pressButton(this.ctx.botToken, offer.messageId!, taskButton('reject', taskId));
    action.presses.push({ button: 'reject', callbackQueryId: pressed.callbackQueryId });
    await this.waitForBotMessage(action, 'reason question', (m) => hasButton(m, taskButton('skip', taskId)));
    await user.sendText(this.ctx.botToken, `Chaos reason ${action.index}`);
    action.performed.push('reject');
    await this.waitForBotMessage(action, 'rejection', (m) =>
      (m?.text ?? '').startsWith(`Task #${action.number} rejected`),
    );
  }

  /** POST /tasks; an unknown outcome is settled by looking the title up before trying again. */
  private async create(action: TaskAction): Promise<TaskSummary> {
    const { api, ledger } = this.ctx;
    const body = {
      title: action.title,
      area: 'Chaos district',
      client: CLIENT,
      assigneeId: action.technician.id,
    };
    for (let attempt = 1; attempt <= MAX_WRITE_TRIES; attempt++) {
      const outcome = await api.attempt('POST', '/tasks', body);
      if (outcome.kind === 'answered') {
        if (outcome.status === 201) return outcome.body as TaskSummary;
        throw new Error(`create: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      }
      await sleep(SETTLE_MS);
      const found = await this.findByTitle(action.title);
      ledger.note(
        `task ${action.index} create: outcome unknown (${outcome.reason}); lookup found ${found.length} → ` +
          (found.length === 0 ? 'retried' : 'not retried'),
      );
      if (found[0]) return found[0];
    }
    throw new Error(`create: no answer after ${MAX_WRITE_TRIES} tries`);
  }

  /** POST /tasks/:id/send; an unknown outcome is settled by reading the task's history. */
  private async send(action: TaskAction, taskId: string): Promise<void> {
    await this.settledWrite(action, 'send', `/tasks/${taskId}/send`, taskId, () => false);
  }

  /** POST /tasks/:id/client-info once the technician's accept is in (409 until then). */
  private async releaseClientInfo(action: TaskAction, taskId: string): Promise<void> {
    await this.settledWrite(
      action,
      'release-client-info',
      `/tasks/${taskId}/client-info`,
      taskId,
      (task) => task.status === 'sent',
    );
  }

  /**
   * One admin action that must take effect once: tried until answered 200; after an unknown
   * outcome (or a 409) the task's history says whether it already happened. While `notYet` says
   * the task is not ready for it (the technician's answer not in yet), it waits and tries again.
   */
  private async settledWrite(
    action: TaskAction,
    step: TaskStep,
    path: string,
    taskId: string,
    notYet: (task: Task) => boolean,
  ): Promise<void> {
    const { api, ledger } = this.ctx;
    let refusals = 0;
    while (Date.now() < this.ctx.deadline()) {
      const outcome = await api.attempt('POST', path);
      if (outcome.kind === 'answered' && outcome.status === 200) {
        action.performed.push(step);
        return;
      }
      if (outcome.kind === 'answered' && outcome.status !== 409)
        throw new Error(`${step}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      if (outcome.kind === 'unknown') await sleep(SETTLE_MS);
      const task = await api.get<Task>(`/tasks/${taskId}`);
      const happened = task.history.some((entry) => entry.action === step);
      if (outcome.kind === 'unknown') {
        ledger.note(
          `task ${action.index} ${step}: outcome unknown (${outcome.reason}); history ` +
            (happened ? 'has it → not retried' : 'lacks it → retried'),
        );
      }
      if (happened) {
        action.performed.push(step);
        return;
      }
      if (outcome.kind === 'answered') {
        // A 409 while the task was not ready yet; refused again once it is ready: give up.
        if (!notYet(task) && ++refusals > 2)
          throw new Error(`${step}: 409 ${JSON.stringify(outcome.body)} with the task ${task.status}`);
        if (notYet(task)) await sleep(POLL_MS);
      }
    }
    throw new Error(`${step}: not done by the deadline`);
  }

  private async findByTitle(title: string): Promise<TaskSummary[]> {
    const page = await this.ctx.api.get<{ items: TaskSummary[] }>(
      `/tasks?q=${encodeURIComponent(title)}&pageSize=100`,
    );
    return page.items.filter((item) => item.title === title);
  }

  private async waitForBotMessage(
    action: TaskAction,
    what: string,
    matches: (message: TelegramMessage | undefined) => boolean,
  ): Promise<ChatEvent> {
    const timeoutMs = Math.max(1, this.ctx.deadline() - Date.now());
    try {
      return await this.ctx.sandbox.waitForEvent(
        this.ctx.botToken,
        action.technician.user.id,
        (event) => event.kind === 'message' && matches(event.message),
        { timeoutMs },
      );
    } catch {
      throw new Error(`task ${action.index} (#${action.number}): the ${what} message never came`);
    }
  }

  private onRejectChain(technician: Technician, work: () => Promise<void>): Promise<void> {
    const previous = this.rejectChains.get(technician.user.id) ?? Promise.resolve();
    const next = previous.then(work);
    this.rejectChains.set(
      technician.user.id,
      next.catch(() => undefined),
    );
    return next;
  }
}
