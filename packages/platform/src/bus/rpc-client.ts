import type { Channel, ConsumeMessage } from 'amqplib';
import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import {
  resultSchemaOf,
  type DataInput,
  type Envelope,
  type Registry,
  type RequestType,
  type ResultOf,
} from '@fieldgram/contracts';
import { BusConnection } from './connection.js';
import { ManagedChannel } from './managed-channel.js';
import { envelopeProperties } from './publisher.js';
import { DIRECT_REPLY_TO, ReplySchema, targetOf } from './rpc-protocol.js';
import { buildEnvelope, type EmitOptions } from './build-envelope.js';
import { HEADERS } from './headers.js';
import { BusUnavailableError, MessageValidationError } from '../errors/bus-errors.js';
import {
  NoResponderError,
  RemoteError,
  RequestTimeoutError,
  ServiceUnavailableError,
} from '../errors/rpc-errors.js';
import type { ServiceMetrics } from '../metrics/index.js';

export interface BreakerSettings {
  /** Failures (timeouts, lost connections) in the rolling window that open the breaker, in %. */
  errorThresholdPercentage: number;
  /** Requests in the window before the percentage is judged. */
  volumeThreshold: number;
  /** How long the breaker stays open before letting one trial request through. */
  resetTimeoutMs: number;
  rollingWindowMs: number;
}

export interface RpcClientOptions<R extends Registry> {
  connection: BusConnection;
  registry: R;
  source: string;
  logger: Logger;
  metrics: ServiceMetrics;
  defaultTimeoutMs?: number;
  breaker?: Partial<BreakerSettings>;
}

export interface RequestOptions extends Pick<EmitOptions, 'actor' | 'causedBy'> {
  timeoutMs?: number;
}

interface Pending {
  resolve(reply: ConsumeMessage): void;
  reject(error: Error): void;
}

const DEFAULT_BREAKER: BreakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  resetTimeoutMs: 5_000,
  rollingWindowMs: 10_000,
};

/**
 * Request/reply over RabbitMQ direct reply-to (DESIGN §2): no reply queue to declare, replies
 * come back on the requesting channel. Each target service has its own circuit breaker, so a
 * dead service fails fast instead of piling up waits; answered errors do not trip it.
 */
export class RpcClient<R extends Registry> {
  private readonly pending = new Map<string, Pending>();
  private readonly breakers = new Map<string, CircuitBreaker<[Envelope, number], ConsumeMessage>>();
  private channel!: ManagedChannel<Channel>;
  /** Set when the client opened its own connection (`connect`); closed with it. */
  private ownConnection: BusConnection | null = null;

  private constructor(private readonly options: RpcClientOptions<R>) {}

  /** A client on a connection of its own, for tools and tests that ask services but run none. */
  static async connect<R extends Registry>(
    options: Omit<RpcClientOptions<R>, 'connection'> & { url: string; name: string },
  ): Promise<RpcClient<R>> {
    const connection = await BusConnection.open({
      url: options.url,
      name: options.name,
      logger: options.logger,
    });
    try {
      const client = await RpcClient.open({ ...options, connection });
      client.ownConnection = connection;
      return client;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  static async open<R extends Registry>(options: RpcClientOptions<R>): Promise<RpcClient<R>> {
    const client = new RpcClient(options);
    client.channel = await ManagedChannel.open<Channel>({
      connection: options.connection,
      name: 'rpc client',
      logger: options.logger,
      confirm: false,
      setup: async (channel) => {
        // Replies to requests sent on an earlier channel can never arrive: fail them now.
        client.failPending(new BusUnavailableError('connection to RabbitMQ was lost before the reply came'));
        // Requests are published `mandatory`: one no queue takes comes back here at once.
        channel.on('return', (returned: ConsumeMessage) => client.onReturn(returned));
        await channel.consume(DIRECT_REPLY_TO, (reply) => reply && client.onReply(reply), { noAck: true });
      },
    });
    return client;
  }

  async request<T extends RequestType<R>>(
    type: T,
    data: DataInput<R, T>,
    options: RequestOptions = {},
  ): Promise<ResultOf<R, T>> {
    if (!resultSchemaOf(this.options.registry[type])) {
      throw new MessageValidationError(`"${type}" is not asked over request/reply (no result schema)`, type);
    }
    const { envelope } = buildEnvelope(this.options.registry, this.options.source, type, data, options);
    const target = targetOf(type);
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 5_000;
    const endTimer = this.options.metrics.rpcDuration.startTimer();
    try {
      const reply = await this.breakerFor(target).fire(envelope, timeoutMs);
      const result = this.readReply(type, target, reply);
      endTimer({ target, type, outcome: 'ok' });
      return result;
    } catch (error) {
      if (isOpenBreaker(error)) {
        endTimer({ target, type, outcome: 'circuit-open' });
        throw new ServiceUnavailableError(
          target,
          this.options.breaker?.resetTimeoutMs ?? DEFAULT_BREAKER.resetTimeoutMs,
        );
      }
      endTimer({ target, type, outcome: error instanceof RequestTimeoutError ? 'timeout' : 'error' });
      throw error;
    }
  }

  /** The breaker's state per target, for /readyz and tests. */
  breakerState(target: string): 'closed' | 'open' | 'half-open' {
    const breaker = this.breakers.get(target);
    if (!breaker) return 'closed';
    return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
  }

  async close(): Promise<void> {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.failPending(new BusUnavailableError('rpc client closed'));
    await this.channel.close();
    await this.ownConnection?.close();
  }

  private breakerFor(target: string): CircuitBreaker<[Envelope, number], ConsumeMessage> {
    let breaker = this.breakers.get(target);
    if (!breaker) {
      const settings = { ...DEFAULT_BREAKER, ...this.options.breaker };
      breaker = new CircuitBreaker(
        (envelope: Envelope, timeoutMs: number) => this.send(envelope, target, timeoutMs),
        {
          timeout: false, // `send` enforces the per-request deadline itself
          // Nothing to route to is not a slow or dead service: it fails fast without tripping.
          errorFilter: (error: unknown) => error instanceof NoResponderError,
          errorThresholdPercentage: settings.errorThresholdPercentage,
          volumeThreshold: settings.volumeThreshold,
          resetTimeout: settings.resetTimeoutMs,
          rollingCountTimeout: settings.rollingWindowMs,
          name: target,
        },
      );
      breaker.on('open', () => this.options.logger.warn({ target }, 'circuit breaker opened'));
      breaker.on('close', () => this.options.logger.info({ target }, 'circuit breaker closed'));
      this.breakers.set(target, breaker);
    }
    return breaker;
  }

  private async send(envelope: Envelope, target: string, timeoutMs: number): Promise<ConsumeMessage> {
    const channel = await this.channel.acquire(timeoutMs);
    return new Promise<ConsumeMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope.id);
        reject(new RequestTimeoutError(envelope.type, target, timeoutMs));
      }, timeoutMs);
      this.pending.set(envelope.id, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      try {
        channel.publish(
          this.options.registry[envelope.type]!.exchange,
          envelope.type,
          Buffer.from(JSON.stringify(envelope)),
          envelopeProperties(envelope, {
            persistent: false,
            mandatory: true,
            replyTo: DIRECT_REPLY_TO,
            correlationId: envelope.id,
            // A request nobody took in time is stale: the broker drops it instead of a late answer.
            expiration: String(timeoutMs),
            headers: { [HEADERS.deadline]: Date.now() + timeoutMs },
          }),
        );
      } catch (error) {
        this.pending.get(envelope.id)?.reject(error instanceof Error ? error : new Error(String(error)));
        this.pending.delete(envelope.id);
      }
    });
  }

  private onReturn(returned: ConsumeMessage): void {
    const id = returned.properties.correlationId as string | undefined;
    const pending = id ? this.pending.get(id) : undefined;
    if (!id || !pending) return;
    this.pending.delete(id);
    const type = returned.fields.routingKey;
    pending.reject(new NoResponderError(type, targetOf(type)));
  }

  private onReply(reply: ConsumeMessage): void {
    const id = reply.properties.correlationId as string | undefined;
    const pending = id ? this.pending.get(id) : undefined;
    if (!id || !pending) return; // late reply after a timeout
    this.pending.delete(id);
    pending.resolve(reply);
  }

  private readReply<T extends RequestType<R>>(
    type: T,
    target: string,
    message: ConsumeMessage,
  ): ResultOf<R, T> {
    const reply = ReplySchema.safeParse(JSON.parse(message.content.toString('utf8')));
    if (!reply.success) throw new RemoteError('bad_reply', `malformed reply from ${target}`, target);
    if (!reply.data.ok) {
      const { code, message: text, details } = reply.data.error;
      throw new RemoteError(code, text, target, details);
    }
    const result = resultSchemaOf(this.options.registry[type])?.safeParse(reply.data.result);
    if (!result?.success) {
      throw new RemoteError('bad_reply', `reply from ${target} to ${type} does not match its schema`, target);
    }
    return result.data as ResultOf<R, T>;
  }

  private failPending(error: Error): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}

function isOpenBreaker(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'EOPENBREAKER';
}
