import type { Channel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { DataOf, Envelope, MessageType, Registry } from '@fieldgram/contracts';
import type { BusConnection } from './connection.js';
import { QueueWorker } from './queue-worker.js';
import type { Publisher } from './publisher.js';
import {
  declareConsumerQueue,
  declareExchanges,
  deadQueueName,
  retryQueueName,
  type QueueBinding,
} from './topology.js';
import { decodeMessage } from './decode.js';
import { HEADERS, headerNumber } from './headers.js';
import { isDependencyUnavailable, isPermanentFailure } from './failure.js';
import type { ServiceMetrics } from '../metrics/index.js';
import { runWithLogContext } from '../log/index.js';

export interface HandlerContext {
  queue: string;
  /** 1 on the first try; grows with each retry. */
  attempt: number;
  /** The broker delivered this before (the previous consumer died or lost its channel). */
  redelivered: boolean;
  logger: Logger;
}

/** A handler that found the message already processed (inbox) says so for the metrics. */
export type HandlerResult = { duplicate: boolean } | void;

export type MessageHandler<R extends Registry, T extends MessageType<R>> = (
  message: Envelope<T, DataOf<R, T>>,
  context: HandlerContext,
) => Promise<HandlerResult>;

export type HandlerMap<R extends Registry, T extends MessageType<R>> = { [K in T]: MessageHandler<R, K> };

type AnyHandler = (message: Envelope, context: HandlerContext) => Promise<HandlerResult>;

export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000] as const;

export interface ConsumerOptions<R extends Registry, T extends MessageType<R>> {
  connection: BusConnection;
  publisher: Publisher;
  registry: R;
  logger: Logger;
  metrics: ServiceMetrics;
  /** `<service>.<purpose>`, e.g. `notification.task-events`. */
  queue: string;
  handlers: HandlerMap<R, T>;
  /** Messages handled at once by this instance. */
  prefetch?: number;
  retryDelaysMs?: readonly number[];
  singleActiveConsumer?: boolean;
  /**
   * How messages reach the queue: by default the queue is bound to each handled type's routing
   * key; `bindings` replaces that (a partition queue is bound to its slots instead, after
   * `declareSource` declared the exchange they come from), and
   * `retired` unbinds the types so the queue only drains what it holds (and its retries).
   */
  routing?: { bindings: QueueBinding[]; declareSource?: (channel: Channel) => Promise<void> } | 'retired';
}

/**
 * A durable queue's consumer: validates every message, runs its handler, acknowledges only
 * after the handler finished, retries failures with growing delays and parks the last failure
 * (or an invalid message at once) in `<queue>.dead` with the reason. It never crashes on a
 * bad message.
 */
export class Consumer<R extends Registry, T extends MessageType<R>> {
  private worker!: QueueWorker;

  private constructor(private readonly options: ConsumerOptions<R, T>) {}

  static async start<R extends Registry, T extends MessageType<R>>(
    options: ConsumerOptions<R, T>,
  ): Promise<Consumer<R, T>> {
    const consumer = new Consumer(options);
    consumer.worker = await QueueWorker.start({
      connection: options.connection,
      logger: options.logger,
      queue: options.queue,
      prefetch: options.prefetch ?? 10,
      declare: (channel) => consumer.declare(channel),
      handle: (channel, delivery) => consumer.handle(channel, delivery),
    });
    return consumer;
  }

  get queue(): string {
    return this.options.queue;
  }

  inFlightCount(): number {
    return this.worker.inFlightCount();
  }

  /** Stops taking messages, lets the ones in hand finish (and be acknowledged), then closes. */
  stop(): Promise<void> {
    return this.worker.stop();
  }

  private retryDelays(): readonly number[] {
    return this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  private async declare(channel: Channel): Promise<void> {
    const { registry, queue, handlers } = this.options;
    await declareExchanges(channel);
    const byType = Object.keys(handlers).map((type) => ({
      exchange: registry[type]!.exchange,
      routingKey: type,
    }));
    const routing = this.options.routing;
    if (routing !== undefined && routing !== 'retired') await routing.declareSource?.(channel);
    await declareConsumerQueue(channel, {
      queue,
      bindings: routing === undefined ? byType : routing === 'retired' ? [] : routing.bindings,
      ...(routing === 'retired' ? { unbind: byType } : {}),
      retryDelaysMs: this.retryDelays(),
      singleActiveConsumer: this.options.singleActiveConsumer ?? false,
    });
  }

  private async handle(channel: Channel, delivery: ConsumeMessage): Promise<void> {
    const { queue, registry, metrics, logger } = this.options;
    const headers = delivery.properties.headers;
    const attempt = headerNumber(headers, HEADERS.attempt) ?? 1;
    const decoded = decodeMessage(registry, delivery.content);
    const type = decoded.ok ? decoded.envelope.type : String(delivery.properties.type ?? 'unknown');

    if (!decoded.ok) {
      logger.warn({ queue, type, reason: decoded.reason }, 'invalid message parked');
      metrics.messagesConsumed.inc({ queue, type, outcome: 'invalid' });
      await this.settle(channel, delivery, () => this.park(delivery, decoded.reason, attempt));
      return;
    }
    const { envelope } = decoded;
    const handler = (this.options.handlers as unknown as Record<string, AnyHandler | undefined>)[
      envelope.type
    ];
    if (!handler) {
      metrics.messagesConsumed.inc({ queue, type, outcome: 'invalid' });
      await this.settle(channel, delivery, () =>
        this.park(delivery, `no handler for ${type} in ${queue}`, attempt),
      );
      return;
    }

    const context = {
      correlationId: envelope.correlationId,
      messageId: envelope.id,
      messageType: type,
      queue,
    };
    await runWithLogContext(context, async () => {
      const endTimer = metrics.handlerDuration.startTimer();
      try {
        const result = await handler(envelope, {
          queue,
          attempt,
          redelivered: delivery.fields.redelivered,
          logger,
        });
        endTimer({ queue, type });
        metrics.messagesConsumed.inc({ queue, type, outcome: result?.duplicate ? 'duplicate' : 'ok' });
        this.ack(channel, delivery);
      } catch (error) {
        endTimer({ queue, type });
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        metrics.messagesFailed.inc({ queue, type, reason: error instanceof Error ? error.name : 'unknown' });
        const delays = this.retryDelays();
        // An outage of a dependency does not use up a try: wait the longest delay and try again.
        const unavailable = isDependencyUnavailable(error);
        const retryDelay = unavailable
          ? delays.at(-1)
          : isPermanentFailure(error)
            ? undefined
            : delays[attempt - 1];
        if (retryDelay === undefined) {
          logger.error({ err: error, attempt }, 'handler failed; message parked');
          metrics.messagesConsumed.inc({ queue, type, outcome: 'dead' });
          await this.settle(channel, delivery, () => this.park(delivery, reason, attempt));
        } else {
          logger.warn({ err: error, attempt, retryInMs: retryDelay }, 'handler failed; will retry');
          metrics.messagesConsumed.inc({ queue, type, outcome: 'retried' });
          const nextAttempt = unavailable ? attempt : attempt + 1;
          await this.settle(channel, delivery, () => this.retry(delivery, retryDelay, nextAttempt));
        }
      }
    });
  }

  /** Moves a message elsewhere (retry or dead queue), acknowledging it only once that is confirmed. */
  private async settle(channel: Channel, delivery: ConsumeMessage, move: () => Promise<void>): Promise<void> {
    try {
      await move();
      this.ack(channel, delivery);
    } catch (error) {
      // Left unacknowledged on purpose: the broker redelivers it when this channel closes.
      this.options.logger.error({ err: error, queue: this.options.queue }, 'could not move failed message');
      if (QueueWorker.canAcknowledge(channel)) channel.nack(delivery, false, true);
    }
  }

  private retry(delivery: ConsumeMessage, delayMs: number, nextAttempt: number): Promise<void> {
    return this.moveTo(retryQueueName(this.options.queue, delayMs), delivery, {
      [HEADERS.attempt]: nextAttempt,
    });
  }

  private park(delivery: ConsumeMessage, reason: string, attempt: number): Promise<void> {
    return this.moveTo(deadQueueName(this.options.queue), delivery, {
      [HEADERS.attempt]: attempt,
      [HEADERS.error]: reason.slice(0, 4_000),
      [HEADERS.deadAt]: new Date().toISOString(),
    });
  }

  /** Re-publishes a delivery, unchanged but for some headers, straight into one queue. */
  private moveTo(queue: string, delivery: ConsumeMessage, headers: Record<string, unknown>): Promise<void> {
    return this.options.publisher.publishRaw({
      exchange: '',
      routingKey: queue,
      content: delivery.content,
      properties: {
        ...delivery.properties,
        persistent: true,
        headers: {
          ...delivery.properties.headers,
          [HEADERS.queue]: this.options.queue,
          ...headers,
        },
      },
    });
  }

  /** Acknowledges on the channel the message came from, unless that channel died meanwhile. */
  private ack(channel: Channel, delivery: ConsumeMessage): void {
    if (QueueWorker.canAcknowledge(channel)) channel.ack(delivery);
  }
}
