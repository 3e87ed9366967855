import type { ConfirmChannel, Options } from 'amqplib';
import type { Logger } from 'pino';
import type { Envelope } from '@fieldgram/contracts';
import type { BusConnection } from './connection.js';
import { ManagedChannel } from './managed-channel.js';
import { BusUnavailableError, PublishError } from '../errors/bus-errors.js';
import type { ServiceMetrics } from '../metrics/index.js';
import { HEADERS } from './headers.js';
import { slotOf } from './partitions.js';

export interface RawPublish {
  exchange: string;
  routingKey: string;
  content: Buffer;
  properties: Options.Publish;
}

export interface PublisherOptions {
  connection: BusConnection;
  logger: Logger;
  metrics: ServiceMetrics;
  /** A publish that is not confirmed by then rejects; it may still have reached the broker. */
  confirmTimeoutMs?: number;
}

const RETRY_PAUSE_MS = 100;

/**
 * Publishes with publisher confirms: a publish resolves only once the broker has taken
 * responsibility for the message. A publish caught by a lost channel is sent again on the
 * next one (at-least-once; consumers de-duplicate by message id).
 */
export class Publisher {
  private constructor(
    private readonly channel: ManagedChannel<ConfirmChannel>,
    private readonly options: PublisherOptions,
  ) {}

  static async open(options: PublisherOptions): Promise<Publisher> {
    const channel = await ManagedChannel.open<ConfirmChannel>({
      connection: options.connection,
      name: 'publisher',
      logger: options.logger,
      confirm: true,
    });
    return new Publisher(channel, options);
  }

  /** Publishes an envelope with the standard properties (persistent, message id, type). */
  publishEnvelope(
    exchange: string,
    routingKey: string,
    envelope: Envelope,
    extra: Options.Publish = {},
  ): Promise<void> {
    return this.publishRaw({
      exchange,
      routingKey,
      content: Buffer.from(JSON.stringify(envelope)),
      properties: envelopeProperties(envelope, extra),
    });
  }

  async publishRaw(message: RawPublish): Promise<void> {
    const deadline = Date.now() + (this.options.confirmTimeoutMs ?? 30_000);
    let lastError: unknown;
    // The broker's own refusal explains more than a later "no channel yet": keep it for the message.
    let brokerError: unknown;
    while (Date.now() < deadline) {
      let channel: ConfirmChannel | undefined;
      try {
        channel = await this.channel.acquire(deadline - Date.now());
        await confirmOne(channel, message, deadline - Date.now());
        this.options.metrics.messagesPublished.inc({
          exchange: message.exchange || '(default)',
          type: message.properties.type ?? 'unknown',
        });
        return;
      } catch (error) {
        lastError = error;
        if (!(error instanceof BusUnavailableError)) {
          brokerError ??= (channel && this.channel.closeReason(channel)) ?? error;
        }
        this.options.logger.debug(
          { err: error, routingKey: message.routingKey },
          'publish not confirmed; retrying',
        );
        await pause(Math.min(RETRY_PAUSE_MS, Math.max(0, deadline - Date.now())));
      }
    }
    throw new PublishError(
      `publish to ${message.exchange || '(default exchange)'}/${message.routingKey} not confirmed: ` +
        describe(brokerError ?? lastError),
      { cause: brokerError ?? lastError },
    );
  }

  async close(): Promise<void> {
    await this.channel.close();
  }
}

export function envelopeProperties(envelope: Envelope, extra: Options.Publish = {}): Options.Publish {
  const headers: Record<string, unknown> = { ...(extra.headers as Record<string, unknown> | undefined) };
  if (envelope.partitionKey !== undefined) headers[HEADERS.partitionKey] = envelope.partitionKey;
  headers[HEADERS.slot] = String(slotOf(envelope.partitionKey ?? envelope.id));
  return {
    persistent: true,
    contentType: 'application/json',
    messageId: envelope.id,
    type: envelope.type,
    timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
    appId: envelope.source,
    ...extra,
    correlationId: extra.correlationId ?? envelope.correlationId,
    headers,
  };
}

function confirmOne(channel: ConfirmChannel, message: RawPublish, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no confirm within ${timeoutMs} ms`)), timeoutMs);
    try {
      channel.publish(message.exchange, message.routingKey, message.content, message.properties, (error) => {
        clearTimeout(timer);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve();
      });
    } catch (error) {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
