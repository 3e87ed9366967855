import type { Redis } from 'ioredis';

/**
 * When each chat's wizard counts as left unfinished: one sorted set in Redis (chat id → deadline
 * in ms), so the deadlines outlive a restart and every instance sees them. Removing a chat's
 * entry is the claim: whoever removes it (a sweeping instance, or the chat's own turn) reports
 * the abandonment, so it is reported once.
 */
export class WizardDeadlines {
  static readonly KEY = 'conversation:wizard-deadlines';

  /** `redis` is a getter, so the store can be made before the service's connection exists. */
  constructor(private readonly redis: () => Redis) {}

  async set(chatId: number, deadlineMs: number): Promise<void> {
    await this.redis().zadd(WizardDeadlines.KEY, deadlineMs, String(chatId));
  }

  /** True if this call removed the chat's deadline (and so may report it). */
  async claim(chatId: number): Promise<boolean> {
    return (await this.redis().zrem(WizardDeadlines.KEY, String(chatId))) === 1;
  }

  /** The chats whose deadline has passed, oldest first. */
  async due(nowMs: number, limit: number): Promise<number[]> {
    const members = await this.redis().zrangebyscore(WizardDeadlines.KEY, '-inf', nowMs, 'LIMIT', 0, limit);
    return members.map(Number);
  }
}
