/** Telegram's flood limits (DESIGN §1): ≈30 msg/s per bot, ≈1 msg/s per chat, 20 msg/min per group. */
export interface FloodLimits {
  perSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
}

export const TELEGRAM_LIMITS: FloodLimits = { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 };

/**
 * Spaces sends so that no window Telegram measures overflows: each chat and the bot as a whole
 * get evenly spaced slots (no bursts: a burst followed by the steady rate would overflow a
 * sliding window). The chat slot is reserved first and the global one only when the chat's time
 * has come, so a chat waiting for its turn never holds back the others. Pure: time is passed in.
 */
export class FloodPacer {
  private globalNext = 0;
  private readonly chatNext = new Map<number, number>();
  private readonly globalInterval: number;
  private readonly chatInterval: number;
  private readonly groupInterval: number;

  /**
   * `margin` > 1 keeps a little under the limits, for jitter between our send and Telegram's
   * receipt. 1.02 keeps 98 % of the allowed rate; 429s that jitter still causes are waited out.
   */
  constructor(limits: FloodLimits, margin = 1.02) {
    this.globalInterval = (1000 / limits.perSecond) * margin;
    this.chatInterval = (1000 / limits.perChatPerSecond) * margin;
    this.groupInterval = (60_000 / limits.perGroupPerMinute) * margin;
  }

  /** The earliest time (epoch ms) this chat may get its next message; the slot is taken. */
  reserveChat(chatId: number, now: number): number {
    const at = Math.max(now, this.chatNext.get(chatId) ?? 0);
    this.chatNext.set(chatId, at + (isGroupChat(chatId) ? this.groupInterval : this.chatInterval));
    return at;
  }

  /**
   * The message to this chat actually went out at `sentAt` (after waiting for the bot's slot,
   * which can be later than the chat's): the chat's next slot counts from then.
   */
  sentToChat(chatId: number, sentAt: number): void {
    const interval = isGroupChat(chatId) ? this.groupInterval : this.chatInterval;
    this.chatNext.set(chatId, Math.max(this.chatNext.get(chatId) ?? 0, sentAt + interval));
  }

  /** The earliest time the bot may send anything; the slot is taken. */
  reserveGlobal(now: number): number {
    const at = Math.max(now, this.globalNext);
    this.globalNext = at + this.globalInterval;
    return at;
  }

  /** Telegram said "retry after": nothing more to this chat until then. */
  holdChat(chatId: number, until: number): void {
    this.chatNext.set(chatId, Math.max(this.chatNext.get(chatId) ?? 0, until));
  }

  /** Forgets chats with no pending slot, so the map does not grow with every chat ever served. */
  forgetIdleChats(now: number): void {
    for (const [chatId, next] of this.chatNext) if (next < now) this.chatNext.delete(chatId);
  }

  trackedChats(): number {
    return this.chatNext.size;
  }
}

/** Group and supergroup chat ids are negative in the Bot API; private chats positive. */
export function isGroupChat(chatId: number): boolean {
  return chatId < 0;
}
