import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { TelegramUpdateSchema } from '../domain/telegram-update.js';
import { normalizeUpdate } from '../domain/normalize-update.js';
import type { AlbumBuffer } from './album-buffer.js';
import type { PublishInbound } from './inbound-publisher.js';
import { updateEventId } from './update-ids.js';

export type IntakeOutcome = 'published' | 'buffered' | 'duplicate' | 'ignored' | 'invalid';

const SEEN_TTL_SECONDS = 2 * 24 * 3600; // Telegram keeps an unconfirmed update for 24 hours
const CLAIM_TTL_MS = 60_000;
const seenKey = (botId: number, updateId: number) => `tg:update:${botId}:${updateId}`;

/**
 * Where every update enters, from the webhook or from polling: validated, de-duplicated by
 * update_id, normalized, and published (confirmed) before the caller acknowledges it to Telegram.
 */
export class UpdateIntake {
  constructor(
    private readonly options: {
      redis: Redis;
      publish: PublishInbound;
      albums: AlbumBuffer;
      logger: Logger;
      onOutcome?: (outcome: IntakeOutcome) => void;
    },
  ) {}

  /** @throws when the update could not be handed on; the caller must not acknowledge it then. */
  async accept(botId: number, raw: unknown): Promise<IntakeOutcome> {
    const outcome = await this.handle(botId, raw);
    this.options.onOutcome?.(outcome);
    return outcome;
  }

  private async handle(botId: number, raw: unknown): Promise<IntakeOutcome> {
    const parsed = TelegramUpdateSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'invalid update ignored');
      return 'invalid';
    }
    const update = parsed.data;
    const { redis } = this.options;
    const key = seenKey(botId, update.update_id);
    // Claimed while in progress; a concurrent delivery of the same update backs off.
    if ((await redis.set(key, 'pending', 'PX', CLAIM_TTL_MS, 'NX')) !== 'OK') return 'duplicate';
    try {
      const normalized = normalizeUpdate(update);
      let outcome: IntakeOutcome;
      if (normalized.kind === 'event') {
        await this.options.publish(normalized.event, updateEventId(botId, update.update_id));
        outcome = 'published';
      } else if (normalized.kind === 'album-part') {
        await this.options.albums.add(normalized.albumKey, normalized.part);
        outcome = 'buffered';
      } else {
        this.options.logger.debug(
          { updateId: update.update_id, reason: normalized.reason },
          'update ignored',
        );
        outcome = 'ignored';
      }
      await redis.set(key, 'done', 'EX', SEEN_TTL_SECONDS);
      return outcome;
    } catch (error) {
      await redis.del(key).catch(() => undefined);
      throw error;
    }
  }
}
