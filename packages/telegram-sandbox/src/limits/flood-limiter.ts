/** Telegram's documented flood limits for one bot. */
export interface FloodLimits {
  perBotPerSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
}

export const TELEGRAM_FLOOD_LIMITS: FloodLimits = {
  perBotPerSecond: 30,
  perChatPerSecond: 1,
  perGroupPerMinute: 20,
};

export type FloodVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Window {
  key: string;
  limit: number;
  lengthMs: number;
}

/**
 * Sliding-window counters of the calls that put or change something in a chat. Pure: the
 * caller passes the time, so the rules are testable without waiting.
 */
export class FloodLimiter {
  private limits: FloodLimits | 'off';
  /** Call times (ms) per window key, oldest first, pruned to the window's length. */
  private readonly calls = new Map<string, number[]>();

  constructor(limits: Partial<FloodLimits> | 'off' = {}) {
    this.limits = resolveLimits(limits);
  }

  setLimits(limits: Partial<FloodLimits> | 'off'): void {
    this.limits = resolveLimits(limits);
    this.calls.clear();
  }

  currentLimits(): FloodLimits | 'off' {
    return this.limits === 'off' ? 'off' : { ...this.limits };
  }

  /**
   * Counts one call of `botId` in `chatId` at `nowMs` if every window has room; otherwise counts
   * nothing and says how many whole seconds until the fullest window frees a slot (at least 1).
   */
  tryCall(botId: number, chatId: number, isGroup: boolean, nowMs: number): FloodVerdict {
    if (this.limits === 'off') return { allowed: true };
    const windows: Window[] = [
      { key: `bot:${botId}`, limit: this.limits.perBotPerSecond, lengthMs: 1_000 },
      { key: `chat:${botId}:${chatId}`, limit: this.limits.perChatPerSecond, lengthMs: 1_000 },
    ];
    if (isGroup) {
      windows.push({
        key: `group:${botId}:${chatId}`,
        limit: this.limits.perGroupPerMinute,
        lengthMs: 60_000,
      });
    }

    let waitMs = 0;
    for (const window of windows) {
      const times = this.prunedTimes(window, nowMs);
      if (times.length >= window.limit) {
        // The call that frees a slot is the one `limit` places back from the end.
        const freeingCall = times[times.length - window.limit] ?? nowMs;
        waitMs = Math.max(waitMs, freeingCall + window.lengthMs - nowMs);
      }
    }
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1_000)) };

    for (const window of windows) this.prunedTimes(window, nowMs).push(nowMs);
    return { allowed: true };
  }

  private prunedTimes(window: Window, nowMs: number): number[] {
    let times = this.calls.get(window.key);
    if (times === undefined) {
      times = [];
      this.calls.set(window.key, times);
    }
    const firstInside = times.findIndex((time) => time > nowMs - window.lengthMs);
    if (firstInside === -1) times.length = 0;
    else if (firstInside > 0) times.splice(0, firstInside);
    return times;
  }
}

function resolveLimits(limits: Partial<FloodLimits> | 'off'): FloodLimits | 'off' {
  if (limits === 'off') return 'off';
  return { ...TELEGRAM_FLOOD_LIMITS, ...limits };
}
