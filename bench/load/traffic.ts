import type { ChatEvent, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { waitFor } from '@fieldgram/testkit/env';
import { MixPicker } from '../lib/mix.js';
import type { LatencySummary } from '../lib/stats.js';
import { summarize } from '../lib/stats.js';
import { sleep } from '../lib/timing.js';
import type { LoadConfig } from './config.js';
import { act, offerIn, SimUser, type ActionKind } from './dialog.js';
import { Fifo } from './fifo.js';
import { PhaseRecorder, ReplyTracker, type TrackerOptions } from './latency.js';
import { CpuMeter } from './memory.js';
import type { BotSide, SideLabel } from './side.js';

/** % of one core a process of a bot may use and still count as idle while settling. */
const IDLE_CPU_PER_PROCESS = 6;

/**
 * The simulated users of one bot and the updates they send. A chat never has two updates in
 * flight (Telegram delivers a chat's updates one at a time); after a reply its user thinks
 * `thinkMs` before the next one. Users ready to send wait in arrival order: those with an
 * offer to answer in one queue, the others in another.
 */
export class SideDriver {
  readonly users = new Map<number, SimUser>();
  readonly tracker: ReplyTracker;
  private readonly ready = new Fifo<SimUser>();
  private readonly withOffers = new Fifo<SimUser>();
  private created = 0;

  constructor(
    private readonly sandbox: TelegramSandbox,
    readonly side: BotSide,
    private readonly config: LoadConfig,
    /** Told of each recognised reply (see ReplyShapes, StageTap). */
    hooks: Pick<TrackerOptions, 'onMatched' | 'onReplied'> = {},
  ) {
    this.tracker = new ReplyTracker({
      timeoutMs: config.replyTimeoutMs,
      thinkMs: config.thinkMs,
      onFree: (sim) => this.release(sim),
      ...hooks,
    });
  }

  get label(): SideLabel {
    return this.side.label;
  }

  /** Every event in this bot's chats, as the sandbox records it. */
  onChatEvent(chatId: number, event: ChatEvent, now: number): void {
    const offer = offerIn(event);
    if (offer !== undefined) this.users.get(chatId)?.offers.push(offer);
    this.tracker.onEvent(chatId, event, now, offer !== undefined);
  }

  technicians(): SimUser[] {
    return [...this.users.values()].filter((sim) => sim.technician && sim.joined && !sim.retired);
  }

  /** Sends one update of `kind` now, or what can be sent instead (see PhaseRecorder's counters). */
  fire(kind: ActionKind, recorder: PhaseRecorder): void {
    const now = performance.now();
    let action = kind;
    let sim: SimUser | undefined;
    if (action === 'accept') {
      sim = this.take(this.withOffers, now);
      if (sim === undefined) {
        recorder.acceptFallbacks += 1;
        action = recorder.acceptFallbacks % 2 === 0 ? 'menu' : 'text';
      }
    }
    if (action === 'menu' || action === 'text') {
      sim = this.take(this.ready, now) ?? this.take(this.withOffers, now);
      if (sim === undefined) {
        recorder.forcedJoins += 1;
        action = 'join';
      } else if (
        action === 'menu' &&
        this.sandbox.replyKeyboard(this.side.bot.token, sim.chatId) === undefined
      ) {
        action = 'text';
      }
    }
    if (action === 'join') sim = this.newUser();
    if (sim === undefined) throw new Error('fire: no user picked'); // unreachable: join always has one
    const entry = this.tracker.begin(sim, action, recorder, performance.now());
    act(this.sandbox, this.side, sim, action).then(
      (expectation) => {
        if (expectation === undefined) {
          recorder.sendErrors += 1;
          this.tracker.cancel(entry);
        } else this.tracker.expect(entry, expectation);
      },
      (error: unknown) => {
        recorder.sendErrors += 1;
        console.error(`[load] ${this.label}: could not send a ${action} update:`, error);
        this.tracker.cancel(entry);
      },
    );
  }

  /**
   * Tops the technicians' unanswered offers up to `wanted` (an admin dispatches new tasks, spread
   * over the technicians with the fewest) and waits for the offers to reach their chats. Run
   * between phases, with nothing in flight, so an offer is never taken for a reply.
   */
  async stockOffers(
    wanted: number,
  ): Promise<{ dispatched: number; failed: number; received: number; ms: number }> {
    const technicians = this.technicians().sort((a, b) => a.offers.length - b.offers.length);
    const have = technicians.reduce((sum, sim) => sum + sim.offers.length, 0);
    const missing = technicians.length === 0 ? 0 : Math.max(0, wanted - have);
    const start = performance.now();
    const before = this.tracker.offersReceived;
    let failed = 0;
    if (missing > 0) {
      const chatIds = Array.from({ length: missing }, (_, i) => technicians[i % technicians.length]!.chatId);
      failed = await this.side.dispatch(chatIds);
      await waitFor(() => this.tracker.offersReceived - before >= missing - failed, {
        message: `${this.label}: ${missing - failed} offers delivered`,
        timeoutMs: 60_000 + missing * 50,
        intervalMs: 20,
      }).catch((error: unknown) =>
        console.error(`[load] ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    this.requeue();
    return {
      dispatched: missing,
      failed,
      received: this.tracker.offersReceived - before,
      ms: performance.now() - start,
    };
  }

  /**
   * Waits until the bot is done with earlier work (late replies of lost updates, retries, the
   * events behind dispatches), so one phase's backlog does not weigh on the next: no bot event in
   * its chats for a second, its processes nearly idle, no update waiting in the sandbox, nothing
   * queued for them.
   */
  async settle(maxMs = 150_000): Promise<{ ms: number; quiet: boolean }> {
    const start = performance.now();
    const processes = this.side.processes();
    const idleCpu = IDLE_CPU_PER_PROCESS * processes.length;
    for (;;) {
      const cpu = new CpuMeter(() => processes);
      cpu.open();
      await sleep(500);
      const used = [...cpu.close().values()].reduce((sum, value) => sum + value, 0);
      const idle = performance.now() - this.tracker.lastEventAt > 1_000 && used < idleCpu;
      const quiet = idle && (await this.pendingInSandbox()) === 0 && (await this.queued()) === 0;
      const ms = performance.now() - start;
      if (quiet || ms > maxMs) return { ms, quiet };
    }
  }

  /** Updates the sandbox still holds for the bot (its webhook has not taken them yet). */
  private async pendingInSandbox(): Promise<number> {
    const response = await fetch(`${this.sandbox.apiRoot}/bot${this.side.bot.token}/getWebhookInfo`);
    const info = (await response.json()) as { result?: { pending_update_count?: number } };
    return info.result?.pending_update_count ?? 0;
  }

  private async queued(): Promise<number> {
    try {
      return (await this.side.backlog?.()) ?? 0;
    } catch {
      return 0; // the management API is only a hint
    }
  }

  /** Resolves once `recorder` has nothing in flight (every update answered or timed out). */
  async drain(recorder: PhaseRecorder): Promise<void> {
    await waitFor(() => recorder.inFlight === 0, {
      message: `${this.label}: ${recorder.label} drained`,
      timeoutMs: this.config.replyTimeoutMs + 5_000,
      intervalMs: 10,
    });
  }

  private newUser(): SimUser {
    const n = ++this.created;
    const share = this.config.technicianShare;
    const technician = Math.floor(n * share) > Math.floor((n - 1) * share);
    const user = this.sandbox.createUser({ firstName: `User${n}`, languageCode: n % 3 === 0 ? 'en' : 'ru' });
    const sim = new SimUser(user, technician);
    this.users.set(sim.chatId, sim);
    return sim;
  }

  /** The first user of `queue` if they may send now; retired ones and emptied offers are sorted out. */
  private take(queue: Fifo<SimUser>, now: number): SimUser | undefined {
    for (;;) {
      const head = queue.peek();
      if (head === undefined || head.readyAt > now) return undefined;
      queue.shift();
      if (head.retired) continue;
      if (queue === this.withOffers && head.offers.length === 0) {
        this.ready.push(head);
        continue;
      }
      return head;
    }
  }

  private release(sim: SimUser): void {
    sim.joined = true;
    (sim.offers.length > 0 ? this.withOffers : this.ready).push(sim);
  }

  /** Rebuilds both queues from every idle user, in order of readiness (after offers were stocked). */
  private requeue(): void {
    this.ready.clear();
    this.withOffers.clear();
    const idle = [...this.users.values()]
      .filter((sim) => sim.joined && !sim.retired && !this.tracker.isInFlight(sim.chatId))
      .sort((a, b) => a.readyAt - b.readyAt);
    for (const sim of idle) this.release(sim);
  }
}

export interface PhaseOptions {
  label: string;
  rate: number;
  seconds: number;
  mix: Readonly<Record<ActionKind, number>>;
  /** Called when the first update goes out and after the last one (the measured window). */
  window?: { open(): void; close(): void };
}

export interface PhaseResult {
  side: SideLabel;
  label: string;
  targetRate: number;
  seconds: number;
  /** The rate the updates actually went out at (the driver may fall behind on a busy machine). */
  offeredRate: number;
  sent: number;
  lost: number;
  latency: LatencySummary;
  byKind: ReturnType<PhaseRecorder['byKind']>;
  trailingMissing: number;
  forcedJoins: number;
  acceptFallbacks: number;
  sendErrors: number;
  /** Bot events in chats with nothing in flight (doubled or stray replies), during this phase. */
  unsolicited: number;
  lateReplies: number;
}

/**
 * Open loop: `rate × seconds` updates at evenly spaced moments, whatever the replies do (a bot
 * that falls behind gets more chats in flight, not fewer updates); then waits for every reply or
 * its timeout.
 */
export async function runPhase(driver: SideDriver, options: PhaseOptions): Promise<PhaseResult> {
  const recorder = new PhaseRecorder(options.label);
  const picker = new MixPicker(options.mix);
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const unsolicitedBefore = driver.tracker.unsolicited;
  const lateBefore = driver.tracker.lateReplies;
  options.window?.open();
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent++) driver.fire(picker.next(), recorder);
    if (sent < total) await sleep(Math.max(0, start + sent * interval - performance.now()));
  }
  const sendingMs = performance.now() - start;
  options.window?.close();
  await driver.drain(recorder);
  return {
    side: driver.label,
    label: options.label,
    targetRate: options.rate,
    seconds: options.seconds,
    offeredRate: total > 1 ? ((total - 1) * 1000) / Math.max(sendingMs, 1) : options.rate,
    sent: recorder.totalSent(),
    lost: recorder.totalLost(),
    latency: summarize(recorder.all()),
    byKind: recorder.byKind(),
    trailingMissing: recorder.trailingMissing,
    forcedJoins: recorder.forcedJoins,
    acceptFallbacks: recorder.acceptFallbacks,
    sendErrors: recorder.sendErrors,
    unsolicited: driver.tracker.unsolicited - unsolicitedBefore,
    lateReplies: driver.tracker.lateReplies - lateBefore,
  };
}

/** Whether a phase counts as sustained: p99 under the bound, nothing lost, the rate really offered. */
export function sustained(result: PhaseResult, config: LoadConfig): boolean {
  return (
    result.lost === 0 &&
    result.trailingMissing === 0 &&
    result.sendErrors === 0 &&
    result.latency.p99 < config.sustainedP99Ms &&
    result.offeredRate >= 0.95 * result.targetRate
  );
}

/** Offers to have in stock before a phase: the accepts its mix will send, and some spare. */
export function offersFor(config: LoadConfig, rate: number, seconds: number): number {
  const { mix } = config;
  const share = mix.accept / (mix.join + mix.accept + mix.menu + mix.text);
  return Math.ceil(rate * seconds * share * 1.2) + 5;
}
