import { setTimeout as sleep } from 'node:timers/promises';
import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { DependencyUnavailableError } from '@fieldgram/platform';
import { FloodPacer, type FloodLimits } from '../domain/flood-pacer.js';
import {
  TelegramApiError,
  TelegramUnreachableError,
  type BotApiClient,
  type UploadFile,
} from '../telegram/bot-api-client.js';

/** Calls that do not put anything in a chat are not counted by Telegram's flood limits. */
const UNPACED = new Set(['answerCallbackQuery', 'sendChatAction', 'getMe', 'getFile']);
const MAX_FAILURES = 5;
const MAX_BACKOFF_MS = 8_000;
const MAX_FLOOD_WAITS = 10;

export interface SenderCounters {
  tooManyRequests: number;
  serverErrors: number;
  unreachable: number;
}

/**
 * Makes Bot API calls the way Telegram wants them: paced under the flood limits, waiting out a
 * 429's retry_after, backing off on 5xx and network errors, behind a circuit breaker. Retries
 * happen in place, so the chat's next message keeps waiting behind this one (order is kept).
 */
export class TelegramSender {
  readonly counters: SenderCounters = { tooManyRequests: 0, serverErrors: 0, unreachable: 0 };
  private readonly pacer: FloodPacer;
  private readonly breaker: CircuitBreaker<
    [BotApiClient, string, Record<string, unknown>, Record<string, UploadFile>],
    unknown
  >;

  constructor(
    limits: FloodLimits,
    private readonly logger: Logger,
  ) {
    this.pacer = new FloodPacer(limits);
    this.breaker = new CircuitBreaker(
      (
        client: BotApiClient,
        method: string,
        params: Record<string, unknown>,
        files: Record<string, UploadFile>,
      ) => client.call(method, params, files),
      {
        timeout: false,
        errorThresholdPercentage: 50,
        volumeThreshold: 10,
        resetTimeout: 5_000,
        rollingCountTimeout: 10_000,
        // A refusal (4xx) means Telegram is up: only outages count towards opening.
        errorFilter: (error: unknown) => error instanceof TelegramApiError && !error.transient,
      },
    );
    this.breaker.on('open', () => this.logger.warn('Telegram circuit breaker opened'));
    this.breaker.on('close', () => this.logger.info('Telegram circuit breaker closed'));
    setInterval(() => this.pacer.forgetIdleChats(Date.now()), 60_000).unref();
  }

  async send<T>(
    client: BotApiClient,
    chatId: number,
    method: string,
    params: Record<string, unknown>,
    files: Record<string, UploadFile> = {},
  ): Promise<T> {
    let failures = 0;
    let floodWaits = 0;
    for (;;) {
      if (!UNPACED.has(method)) await this.waitForSlot(chatId);
      try {
        return (await this.breaker.fire(client, method, params, files)) as T;
      } catch (error) {
        if (error instanceof TelegramApiError && error.errorCode === 429) {
          this.counters.tooManyRequests++;
          // Still flooded after many waits: hand it back to the bus as an outage (retried later
          // without using up a try), so a long 429 storm never parks a message.
          if (++floodWaits > MAX_FLOOD_WAITS) {
            throw new DependencyUnavailableError(`Telegram keeps refusing ${method} with 429`, {
              cause: error,
            });
          }
          const waitMs = (error.retryAfterSeconds ?? 1) * 1000;
          this.logger.warn({ chatId, method, retryAfterMs: waitMs }, 'Telegram flood limit: waiting');
          this.pacer.holdChat(chatId, Date.now() + waitMs);
          continue;
        }
        const outage = isOutage(error);
        if (!outage) throw error;
        if (error instanceof TelegramApiError) this.counters.serverErrors++;
        else if (error instanceof TelegramUnreachableError) this.counters.unreachable++;
        if (++failures >= MAX_FAILURES) {
          throw new DependencyUnavailableError(`Telegram unavailable for ${method}: ${describe(error)}`, {
            cause: error,
          });
        }
        const backoff = this.breaker.opened ? 5_000 : Math.min(MAX_BACKOFF_MS, 250 * 2 ** failures);
        this.logger.warn(
          { err: error, chatId, method, retryInMs: backoff },
          'Telegram call failed; retrying',
        );
        await sleep(backoff);
      }
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private async waitForSlot(chatId: number): Promise<void> {
    const chatAt = this.pacer.reserveChat(chatId, Date.now());
    if (chatAt > Date.now()) await sleep(chatAt - Date.now());
    const globalAt = this.pacer.reserveGlobal(Date.now());
    if (globalAt > Date.now()) await sleep(globalAt - Date.now());
    this.pacer.sentToChat(chatId, Date.now());
  }
}

function isOutage(error: unknown): boolean {
  if (error instanceof TelegramApiError) return error.transient;
  if (error instanceof TelegramUnreachableError) return true;
  return (error as { code?: string } | null)?.code === 'EOPENBREAKER';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
