import type { Channel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import {
  resultSchemaOf,
  type DataOf,
  type Envelope,
  type Registry,
  type RequestType,
  type ResultOf,
} from '@fieldgram/contracts';
import type { BusConnection } from './connection.js';
import { QueueWorker } from './queue-worker.js';
import { declareExchanges } from './topology.js';
import { decodeMessage, describeIssues } from './decode.js';
import { HEADERS, headerNumber } from './headers.js';
import type { Reply } from './rpc-protocol.js';
import { DomainError } from '../errors/domain-errors.js';
import { isDependencyUnavailable, UNAVAILABLE_CODE } from './failure.js';
import type { ServiceMetrics } from '../metrics/index.js';
import { runWithLogContext } from '../log/index.js';

export type RequestHandler<R extends Registry, T extends RequestType<R>> = (
  request: Envelope<T, DataOf<R, T>>,
) => Promise<ResultOf<R, T>>;

export type RequestHandlerMap<R extends Registry, T extends RequestType<R>> = {
  [K in T]: RequestHandler<R, K>;
};

type AnyRequestHandler = (request: Envelope) => Promise<unknown>;

export interface RpcServerOptions<R extends Registry, T extends RequestType<R>> {
  connection: BusConnection;
  registry: R;
  logger: Logger;
  metrics: ServiceMetrics;
  /** `<service>.queries` or `<service>.commands`: shared by all instances (competing consumers). */
  queue: string;
  /** Types an earlier version bound to this queue that it must no longer receive (a renamed queue's migration). */
  retiredTypes?: readonly string[];
  handlers: RequestHandlerMap<R, T>;
  prefetch?: number;
}

/**
 * Answers queries: validates the request, runs its handler, replies to the caller's direct
 * reply-to address with the result or an error. Requests are never retried: the caller has a
 * deadline, and one past it is dropped unanswered.
 */
export class RpcServer<R extends Registry, T extends RequestType<R>> {
  private worker!: QueueWorker;

  private constructor(private readonly options: RpcServerOptions<R, T>) {}

  static async start<R extends Registry, T extends RequestType<R>>(
    options: RpcServerOptions<R, T>,
  ): Promise<RpcServer<R, T>> {
    const server = new RpcServer(options);
    server.worker = await QueueWorker.start({
      connection: options.connection,
      logger: options.logger,
      queue: options.queue,
      prefetch: options.prefetch ?? 20,
      declare: (channel) => server.declare(channel),
      handle: (channel, request) => server.handle(channel, request),
    });
    return server;
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private async declare(channel: Channel): Promise<void> {
    const { queue, registry, handlers, retiredTypes = [] } = this.options;
    await declareExchanges(channel);
    await channel.assertQueue(queue, { durable: true });
    for (const type of Object.keys(handlers)) await channel.bindQueue(queue, registry[type]!.exchange, type);
    // Types this queue answered in an earlier version, now served elsewhere: a binding left
    // behind would deliver them here too (RabbitMQ unbinds a missing binding without complaint).
    for (const type of retiredTypes) {
      const def = registry[type];
      if (def && !Object.hasOwn(handlers, type)) await channel.unbindQueue(queue, def.exchange, type);
    }
  }

  private async handle(channel: Channel, request: ConsumeMessage): Promise<void> {
    const { replyTo, correlationId } = request.properties as { replyTo?: string; correlationId?: string };
    const deadline = headerNumber(request.properties.headers, HEADERS.deadline);
    if (!replyTo || (deadline !== undefined && Date.now() > deadline)) {
      this.ack(channel, request); // nobody is waiting for an answer any more
      return;
    }
    const reply = await this.answer(request);
    if (!QueueWorker.canAcknowledge(channel)) return; // lost the channel: the caller times out
    channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), {
      correlationId,
      contentType: 'application/json',
    });
    channel.ack(request);
  }

  private async answer(request: ConsumeMessage): Promise<Reply> {
    const { registry, logger, metrics, queue } = this.options;
    const decoded = decodeMessage(registry, request.content);
    if (!decoded.ok) return { ok: false, error: { code: 'validation', message: decoded.reason } };
    const { envelope } = decoded;
    const handler = (this.options.handlers as unknown as Record<string, AnyRequestHandler | undefined>)[
      envelope.type
    ];
    if (!handler)
      return { ok: false, error: { code: 'not_found', message: `no handler for ${envelope.type}` } };

    const context = {
      correlationId: envelope.correlationId,
      messageId: envelope.id,
      messageType: envelope.type,
    };
    return runWithLogContext(context, async (): Promise<Reply> => {
      const endTimer = metrics.handlerDuration.startTimer();
      try {
        const result = await handler(envelope);
        const checked = resultSchemaOf(registry[envelope.type])?.safeParse(result);
        if (checked && !checked.success) {
          logger.error({ issues: describeIssues(checked.error) }, 'a reply does not match its result schema');
          return { ok: false, error: { code: 'internal', message: 'internal error' } };
        }
        metrics.messagesConsumed.inc({ queue, type: envelope.type, outcome: 'ok' });
        return { ok: true, result: checked?.data };
      } catch (error) {
        if (error instanceof DomainError) {
          metrics.messagesConsumed.inc({ queue, type: envelope.type, outcome: 'ok' });
          return {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              ...(error.details ? { details: error.details } : {}),
            },
          };
        }
        if (isDependencyUnavailable(error)) {
          // The database is restarting or full: the caller may retry later (an API answers 503).
          logger.warn({ err: error }, 'query handler could not reach a dependency');
          metrics.messagesFailed.inc({ queue, type: envelope.type, reason: 'unavailable' });
          return { ok: false, error: { code: UNAVAILABLE_CODE, message: 'a dependency is unavailable' } };
        }
        logger.error({ err: error }, 'query handler failed');
        metrics.messagesFailed.inc({
          queue,
          type: envelope.type,
          reason: error instanceof Error ? error.name : 'unknown',
        });
        // Internals stay inside the service (DESIGN §6).
        return { ok: false, error: { code: 'internal', message: 'internal error' } };
      } finally {
        endTimer({ queue, type: envelope.type });
      }
    });
  }

  private ack(channel: Channel, request: ConsumeMessage): void {
    if (QueueWorker.canAcknowledge(channel)) channel.ack(request);
  }
}
