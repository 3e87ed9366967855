import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { DomainError, SecretBox } from '@fieldgram/platform';
import type { BotSettings } from '@fieldgram/contracts';
import { BotApiClient, TelegramApiError } from '../telegram/bot-api-client.js';
import { loadBotToken, saveBotToken } from '../store/gateway-store.js';

export interface ActiveBot {
  client: BotApiClient;
  botId: number;
  username: string;
  source: 'stored' | 'env';
}

interface TelegramUser {
  id: number;
  username?: string;
}

/**
 * The bot the gateway speaks as (S0-01): a token set at run time (checked with getMe, stored
 * encrypted) or, until then, TELEGRAM_BOT_TOKEN. Listeners restart ingress and egress on change.
 */
export class BotSettingsStore {
  private active: ActiveBot | undefined;

  constructor(
    private readonly options: {
      db: Knex;
      apiRoot: string;
      envToken: string | undefined;
      secretsKey: string | undefined;
      mode: 'webhook' | 'polling';
      logger: Logger;
      onChange: (bot: ActiveBot) => Promise<void>;
    },
  ) {}

  current(): ActiveBot | undefined {
    return this.active;
  }

  /** At start: the stored token wins over the environment's. Never throws; logs why it has no bot. */
  async load(): Promise<void> {
    const stored = await loadBotToken(this.options.db);
    let token: string | undefined;
    let source: ActiveBot['source'] = 'env';
    if (stored) {
      if (!this.options.secretsKey) {
        this.options.logger.error('a bot token is stored but SECRETS_KEY is not set: cannot decrypt it');
      } else {
        token = new SecretBox(this.options.secretsKey).open(stored.sealedToken);
        source = 'stored';
      }
    }
    token ??= this.options.envToken;
    if (!token) {
      this.options.logger.warn('no bot token yet: set TELEGRAM_BOT_TOKEN or send one through the admin API');
      return;
    }
    try {
      this.active = await this.verify(token, source);
      this.options.logger.info({ username: this.active.username, source }, 'bot connected');
      await this.options.onChange(this.active);
    } catch (error) {
      this.options.logger.error(
        { err: error, source },
        'the bot token was not accepted; no bot until one is set',
      );
    }
  }

  /** Checks the token with getMe, stores it encrypted, and makes it the active one. */
  async setToken(token: string): Promise<BotSettings> {
    if (!this.options.secretsKey) {
      throw new DomainError(
        'validation',
        'cannot store a bot token: SECRETS_KEY is not configured on bot-gateway',
        {
          field: 'botToken',
        },
      );
    }
    let bot: ActiveBot;
    try {
      bot = await this.verify(token, 'stored');
    } catch (error) {
      if (error instanceof TelegramApiError) {
        throw new DomainError('validation', `Telegram did not accept the bot token: ${error.description}`, {
          field: 'botToken',
        });
      }
      throw error;
    }
    await saveBotToken(this.options.db, {
      sealedToken: new SecretBox(this.options.secretsKey).seal(token),
      botId: bot.botId,
      username: bot.username,
    });
    this.active = bot;
    this.options.logger.info({ username: bot.username }, 'bot token set');
    await this.options.onChange(bot);
    return this.view();
  }

  view(): BotSettings {
    const bot = this.active;
    return {
      connected: bot !== undefined,
      botId: bot?.botId ?? null,
      username: bot?.username ?? null,
      link: bot ? `https://t.me/${bot.username}` : null,
      mode: bot ? this.options.mode : 'none',
      source: bot?.source ?? 'none',
    };
  }

  private async verify(token: string, source: ActiveBot['source']): Promise<ActiveBot> {
    if (!/^\d+:[A-Za-z0-9_-]+$/.test(token)) {
      throw new TelegramApiError('getMe', 401, 'Unauthorized: not a bot token (expected 123456:ABC…)');
    }
    const client = new BotApiClient(this.options.apiRoot, token);
    const me = await client.call<TelegramUser>('getMe');
    return { client, botId: me.id, username: me.username ?? String(me.id), source };
  }
}
