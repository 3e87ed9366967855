import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BotApiClient } from '../telegram/bot-api-client.js';
import type { UpdateIntake } from './update-intake.js';
import { ALLOWED_UPDATES } from './allowed-updates.js';

const POLL_TIMEOUT_SECONDS = 25;
const LEASE_MS = 15_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Long polling (getUpdates). The offset moves past an update only after it was handed on, so a
 * crash re-reads it (and the intake's de-duplication drops it if it had gone through). One
 * gateway instance polls at a time (a Redis lease), as Telegram allows only one getUpdates.
 */
export class LongPoller {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly instance = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  private readonly abort = new AbortController();

  constructor(
    private readonly options: {
      client: BotApiClient;
      botId: number;
      intake: UpdateIntake;
      redis: Redis;
      logger: Logger;
      pollTimeoutSeconds?: number;
    },
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
    await this.releaseLease();
  }

  private async run(): Promise<void> {
    const { client, botId, intake, logger } = this.options;
    let offset: number | undefined;
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.holdLease())) {
          await this.pause(LEASE_MS / 3);
          continue;
        }
        const updates = await client.call<{ update_id: number }[]>(
          'getUpdates',
          {
            ...(offset !== undefined ? { offset } : {}),
            timeout: this.options.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS,
            allowed_updates: ALLOWED_UPDATES,
          },
          {},
          this.abort.signal,
        );
        for (const update of updates) {
          await intake.accept(botId, update);
          offset = update.update_id + 1;
        }
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        failures++;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 6));
        logger.warn({ err: error, retryInMs: delay }, 'polling failed; retrying');
        await this.pause(delay);
      }
    }
  }

  private async holdLease(): Promise<boolean> {
    const { redis, botId } = this.options;
    const key = `tg:poller:${botId}`;
    const taken = await redis.set(key, this.instance, 'PX', LEASE_MS, 'NX');
    if (taken === 'OK') return true;
    if ((await redis.get(key)) !== this.instance) return false;
    await redis.pexpire(key, LEASE_MS);
    return true;
  }

  private async releaseLease(): Promise<void> {
    const key = `tg:poller:${this.options.botId}`;
    if ((await this.options.redis.get(key).catch(() => null)) === this.instance) {
      await this.options.redis.del(key).catch(() => undefined);
    }
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }
}
