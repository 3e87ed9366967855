import type { Logger } from 'pino';
import { deepLink, startPayload, type TokenKind } from '../domain/tokens.js';

export interface BotLinksOptions {
  /** Asks bot-gateway for the connected bot's username (null when it has no bot). */
  lookup: () => Promise<string | null>;
  /** TELEGRAM_BOT_USERNAME: used while the gateway does not answer or has no bot yet. */
  fallback: string;
  logger: Logger;
  /** How long an answer from the gateway is trusted. */
  cacheMs?: number;
  /** How long to keep using the fallback before asking the gateway again. */
  fallbackCacheMs?: number;
}

/**
 * Builds `https://t.me/<bot>?start=<payload>` links. The bot's username belongs to bot-gateway
 * (it changes when an admin sets another token), so it is asked for and cached briefly.
 */
export class BotLinks {
  private cached: { username: string; until: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(private readonly options: BotLinksOptions) {}

  async link(kind: TokenKind, token: string): Promise<string> {
    return deepLink(await this.botUsername(), startPayload(kind, token));
  }

  botUsername(): Promise<string> {
    if (this.cached && this.cached.until > Date.now()) return Promise.resolve(this.cached.username);
    this.inFlight ??= this.refresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async refresh(): Promise<string> {
    const { lookup, fallback, logger, cacheMs = 60_000, fallbackCacheMs = 10_000 } = this.options;
    let username: string | null = null;
    try {
      username = await lookup();
    } catch (error) {
      logger.warn(
        { err: error, fallback },
        'bot-gateway did not tell the bot username; links use TELEGRAM_BOT_USERNAME',
      );
    }
    this.cached = username
      ? { username, until: Date.now() + cacheMs }
      : { username: fallback, until: Date.now() + fallbackCacheMs };
    return this.cached.username;
  }
}
