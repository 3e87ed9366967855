import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { mergeAlbum, type AlbumPart } from '../domain/normalize-update.js';
import type { PublishInbound } from './inbound-publisher.js';
import { albumEventId } from './update-ids.js';

const DUE = 'tg:albums:due';
const partsKey = (albumKey: string) => `tg:album:${albumKey}`;
const lockKey = (albumKey: string) => `tg:album-lock:${albumKey}`;
const FLUSH_INTERVAL_MS = 100;

/**
 * Gathers the parts of an album (one update each, sharing media_group_id) into one event.
 * Parts are kept in Redis, not in memory: the update is acknowledged to Telegram once its part
 * is stored, and an album whose gateway died is still sent by the next one. An album is sent
 * when no part has arrived for `waitMs`.
 */
export class AlbumBuffer {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      redis: Redis;
      publish: PublishInbound;
      botId: () => number | undefined;
      logger: Logger;
      waitMs: number;
    },
  ) {}

  async add(albumKey: string, part: AlbumPart): Promise<void> {
    await this.options.redis
      .multi()
      .rpush(partsKey(albumKey), JSON.stringify(part))
      .zadd(DUE, Date.now() + this.options.waitMs, albumKey)
      .exec();
  }

  start(): void {
    this.timer = setInterval(() => {
      this.flushing = this.flushing
        .then(async () => {
          await this.flushDue();
        })
        .catch((error: unknown) => {
          this.options.logger.warn({ err: error }, 'album flush failed; will retry');
        });
    }, FLUSH_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flushing;
  }

  /** Sends every album whose quiet time is over; returns how many. */
  async flushDue(now = Date.now()): Promise<number> {
    const botId = this.options.botId();
    if (botId === undefined) return 0;
    const { redis } = this.options;
    const due = await redis.zrangebyscore(DUE, '-inf', now, 'LIMIT', 0, 50);
    let sent = 0;
    for (const albumKey of due) {
      // Several gateway instances may look at once: one takes the album.
      if ((await redis.set(lockKey(albumKey), '1', 'PX', 30_000, 'NX')) !== 'OK') continue;
      try {
        const raw = await redis.lrange(partsKey(albumKey), 0, -1);
        if (raw.length > 0) {
          const album = mergeAlbum(raw.map((part) => JSON.parse(part) as AlbumPart));
          await this.options.publish(album, albumEventId(botId, albumKey, album.data.messageIds));
        }
        // Drop only what was sent: a part that arrived meanwhile stays, due again later.
        await redis.ltrim(partsKey(albumKey), raw.length, -1);
        if ((await redis.llen(partsKey(albumKey))) === 0) await redis.zrem(DUE, albumKey);
        sent++;
      } finally {
        await redis.del(lockKey(albumKey));
      }
    }
    return sent;
  }
}
