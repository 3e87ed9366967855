import type { ChatEvent } from '@fieldgram/telegram-sandbox';
import { summarize, type LatencySummary } from '../lib/stats.js';
import { ACTION_KINDS, type ActionKind, type Expectation, type SimUser } from './dialog.js';

type PerKind<T> = Record<ActionKind, T>;

function perKind<T>(make: () => T): PerKind<T> {
  return Object.fromEntries(ACTION_KINDS.map((kind) => [kind, make()])) as PerKind<T>;
}

/** What one phase sent and got back: update→reply latencies by kind, and what went wrong. */
export class PhaseRecorder {
  readonly samples = perKind<number[]>(() => []);
  readonly sent = perKind(() => 0);
  readonly lost = perKind(() => 0);
  /** Accepts whose offer was never edited to "Accepted" within the timeout. */
  trailingMissing = 0;
  /** Ticks that found no user ready to send, so a new user joined instead (the pool was too small). */
  forcedJoins = 0;
  /** Accept ticks that found no technician with an offer ready, so a menu tap or text went instead. */
  acceptFallbacks = 0;
  /** Updates the sandbox refused to create (a harness bug if ever non-zero). */
  sendErrors = 0;
  inFlight = 0;

  constructor(readonly label: string) {}

  all(): number[] {
    return ACTION_KINDS.flatMap((kind) => this.samples[kind]);
  }

  totalSent(): number {
    return ACTION_KINDS.reduce((sum, kind) => sum + this.sent[kind], 0);
  }

  totalLost(): number {
    return ACTION_KINDS.reduce((sum, kind) => sum + this.lost[kind], 0);
  }

  byKind(): PerKind<LatencySummary & { sent: number; lost: number }> {
    const result = perKind(() => ({
      count: 0,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      sent: 0,
      lost: 0,
    }));
    for (const kind of ACTION_KINDS) {
      result[kind] = { ...summarize(this.samples[kind]), sent: this.sent[kind], lost: this.lost[kind] };
    }
    return result;
  }
}

interface InFlight {
  readonly sim: SimUser;
  readonly kind: ActionKind;
  readonly sentAt: number;
  readonly recorder: PhaseRecorder;
  /** Known once the update exists (see `act`). */
  expectation: Expectation | undefined;
  repliedAt?: number;
  trailingSeen?: boolean;
}

export interface TrackerOptions {
  timeoutMs: number;
  thinkMs: number;
  /** The user may be given the next update (after `readyAt`). */
  onFree(sim: SimUser): void;
  /** A reply (or the trailing event, shape + `+`) was recognised. */
  onMatched?(shape: string, event: ChatEvent): void;
  /** An update got its reply (performance.now() times). */
  onReplied?(updateId: number, sentAt: number, repliedAt: number): void;
}

/**
 * Follows one bot's chats: each chat has at most one update in flight, whose first matching bot
 * event in the chat is its reply (latency = reply's arrival at the sandbox − the update's
 * creation, both on this process's clock). Offers arriving in a chat are handed to its user.
 * A bot event nobody waits for is counted as unsolicited (a doubled reply would show up here).
 */
export class ReplyTracker {
  private readonly inFlight = new Map<number, InFlight>();
  private sweeper: NodeJS.Timeout | undefined;
  offersReceived = 0;
  unsolicited = 0;
  /** Replies that came after their update was already counted lost. */
  lateReplies = 0;
  /** performance.now() of the last bot event in any of these chats. */
  lastEventAt = 0;
  private readonly lostChats = new Set<number>();

  constructor(private readonly options: TrackerOptions) {}

  start(): void {
    this.sweeper = setInterval(() => this.sweep(performance.now()), 50);
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  begin(sim: SimUser, kind: ActionKind, recorder: PhaseRecorder, sentAt: number): InFlight {
    if (this.inFlight.has(sim.chatId)) throw new Error(`chat ${sim.chatId} already has an update in flight`);
    const entry: InFlight = { sim, kind, sentAt, recorder, expectation: undefined };
    this.inFlight.set(sim.chatId, entry);
    recorder.sent[kind] += 1;
    recorder.inFlight += 1;
    return entry;
  }

  expect(entry: InFlight, expectation: Expectation): void {
    entry.expectation = expectation;
  }

  /** The update could not be sent after all: forget it, uncounted. */
  cancel(entry: InFlight): void {
    if (this.inFlight.get(entry.sim.chatId) !== entry) return;
    this.inFlight.delete(entry.sim.chatId);
    entry.recorder.sent[entry.kind] -= 1;
    entry.recorder.inFlight -= 1;
    this.options.onFree(entry.sim);
  }

  onEvent(chatId: number, event: ChatEvent, now: number, isOffer: boolean): void {
    if (event.kind === 'user_message') return;
    this.lastEventAt = now;
    const entry = this.inFlight.get(chatId);
    // `act` states the expectation as soon as the update exists, before any reply can be on its way.
    const expectation = entry?.expectation;
    if (entry !== undefined && expectation !== undefined) {
      if (entry.repliedAt === undefined && expectation.isReply(event)) {
        entry.repliedAt = now;
        entry.recorder.samples[entry.kind].push(now - entry.sentAt);
        this.options.onMatched?.(expectation.shape, event);
        this.options.onReplied?.(expectation.updateId, entry.sentAt, now);
        if (expectation.trailing === undefined || entry.trailingSeen) this.finish(entry, now);
        return;
      }
      // The trailing event may even come first (telegraf answers the press in its webhook
      // response, which the sandbox carries out only after the edit the bot sent meanwhile).
      if (!entry.trailingSeen && expectation.trailing?.(event) === true) {
        entry.trailingSeen = true;
        this.options.onMatched?.(`${expectation.shape}+`, event);
        if (entry.repliedAt !== undefined) this.finish(entry, now);
        return;
      }
    }
    if (isOffer) {
      this.offersReceived += 1;
      return;
    }
    if (this.lostChats.has(chatId)) this.lateReplies += 1;
    else this.unsolicited += 1;
  }

  /** Updates in flight that have waited longer than the timeout are lost; their users retire. */
  sweep(now: number): void {
    for (const entry of this.inFlight.values()) {
      if (now - entry.sentAt < this.options.timeoutMs) continue;
      if (entry.repliedAt === undefined) entry.recorder.lost[entry.kind] += 1;
      else entry.recorder.trailingMissing += 1;
      entry.sim.retired = true;
      this.lostChats.add(entry.sim.chatId);
      this.finish(entry, now);
    }
  }

  isInFlight(chatId: number): boolean {
    return this.inFlight.has(chatId);
  }

  private finish(entry: InFlight, now: number): void {
    this.inFlight.delete(entry.sim.chatId);
    entry.recorder.inFlight -= 1;
    entry.sim.readyAt = now + this.options.thinkMs;
    if (!entry.sim.retired) this.options.onFree(entry.sim);
  }
}
