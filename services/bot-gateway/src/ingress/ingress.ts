import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ActiveBot } from '../settings/bot-settings.js';
import type { UpdateIntake } from './update-intake.js';
import { LongPoller } from './long-poller.js';
import { ALLOWED_UPDATES } from './allowed-updates.js';

export interface IngressOptions {
  mode: 'webhook' | 'polling';
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  intake: UpdateIntake;
  redis: Redis;
  logger: Logger;
  pollTimeoutSeconds?: number;
}

/**
 * Where updates come from for the active bot: Telegram's webhook (registered here with the
 * secret) or long polling. Switching bots stops the old ingress before starting the new one.
 */
export class Ingress {
  private poller: LongPoller | null = null;
  private active: ActiveBot | null = null;

  constructor(private readonly options: IngressOptions) {}

  activeBotId(): number | undefined {
    return this.active?.botId;
  }

  async activate(bot: ActiveBot): Promise<void> {
    await this.stop();
    const { mode, webhookUrl, webhookSecret, logger } = this.options;
    if (mode === 'webhook') {
      await bot.client.call('setWebhook', {
        url: webhookUrl,
        secret_token: webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
        max_connections: 40,
      });
      logger.info({ url: webhookUrl }, 'webhook registered');
    } else {
      // A webhook left by an earlier deployment would make getUpdates fail with 409.
      await bot.client.call('deleteWebhook', { drop_pending_updates: false });
      this.poller = new LongPoller({
        client: bot.client,
        botId: bot.botId,
        intake: this.options.intake,
        redis: this.options.redis,
        logger,
        ...(this.options.pollTimeoutSeconds !== undefined
          ? { pollTimeoutSeconds: this.options.pollTimeoutSeconds }
          : {}),
      });
      this.poller.start();
      logger.info('long polling started');
    }
    this.active = bot;
  }

  async stop(): Promise<void> {
    await this.poller?.stop();
    this.poller = null;
    this.active = null;
  }
}
