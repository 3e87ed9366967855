import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataInput, DataOf, Envelope, MessageType, Registry, RequestType } from '@fieldgram/contracts';
import { BusConnection } from '../bus/connection.js';
import { Publisher } from '../bus/publisher.js';
import { Consumer, type ConsumerOptions } from '../bus/consumer.js';
import { PartitionedConsumer, type PartitionedConsumerOptions } from '../bus/partitioned-consumer.js';
import { RpcClient, type BreakerSettings } from '../bus/rpc-client.js';
import { RpcServer, type RpcServerOptions } from '../bus/rpc-server.js';
import { publishMessage } from '../bus/publish-message.js';
import { commandsQueueOf, queriesQueueOf } from '../bus/responders-ready.js';
import { targetOf } from '../bus/rpc-protocol.js';
import { closeDatabase, createDatabase, pingDatabase, type ServiceDatabase } from '../db/database.js';
import { migrateDatabase, type Migration } from '../db/migrate.js';
import { Outbox, type EmitOptions } from '../outbox/outbox.js';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay.js';
import { UnitOfWork } from '../outbox/unit-of-work.js';
import type { PlatformEnv } from '../config/index.js';
import { createLogger } from '../log/index.js';
import { createRedis } from '../redis/redis-client.js';
import { createMetrics, type ServiceMetrics } from '../metrics/index.js';
import { startOpsServer, type OpsServer, type ReadinessReport } from '../http/index.js';
import {
  runServices,
  startParts,
  type RunningParts,
  type ServicePart,
  type ServiceUnit,
} from '../runner/index.js';
import { pruneInbox } from '../inbox/inbox.js';
import { periodicTask } from './periodic-task.js';

const INBOX_RETENTION_MS = 7 * 24 * 3_600_000;
const INBOX_PRUNE_INTERVAL_MS = 3_600_000;

export interface ServiceRuntimeOptions<R extends Registry> {
  /** The service's name: its Postgres schema, log `service` field and message `source`. */
  name: string;
  registry: R;
  env: PlatformEnv;
  migrations: Migration[];
  logger?: Logger;
  relay?: Pick<OutboxRelayOptions, 'batchSize' | 'pollIntervalMs' | 'retentionMs' | 'cleanupIntervalMs'>;
  /** Connect to Redis (REDIS_URL, keys under REDIS_PREFIX) as a part of its own. */
  redis?: boolean;
  /** Routes of the service's own on its HTTP server (beside /healthz, /readyz, /metrics). */
  configureHttp?: (app: Express) => void;
  rpc?: { defaultTimeoutMs?: number; breaker?: Partial<BreakerSettings> };
}

type ConsumerSpec<R extends Registry, T extends MessageType<R>> = Pick<
  ConsumerOptions<R, T>,
  'queue' | 'handlers' | 'prefetch' | 'retryDelaysMs' | 'singleActiveConsumer' | 'routing'
>;
type PartitionedConsumerSpec<R extends Registry, T extends MessageType<R>> = Pick<
  PartitionedConsumerOptions<R, T>,
  'queue' | 'handlers' | 'prefetch' | 'retryDelaysMs' | 'partitions' | 'leaseTtlMs' | 'rebalanceIntervalMs'
>;
type ResponderSpec<R extends Registry, T extends RequestType<R>> = Pick<
  RpcServerOptions<R, T>,
  'handlers' | 'prefetch'
> & {
  /** By default the service's own: `<name>.queries` for reads, `<name>.commands` for state changes. */
  queue?: string;
};

/**
 * Wires the platform's parts for one service, in dependency order: database (migrated), bus
 * connection and publisher, outbox relay, request client, then the consumers and responders the
 * service registers; the ops HTTP server answers throughout. Stopping goes in reverse, so consumers finish
 * their in-flight messages while the connection and database are still there.
 */
export class ServiceRuntime<R extends Registry> {
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly db: ServiceDatabase;
  readonly outbox: Outbox<R>;
  readonly uow: UnitOfWork<R>;
  private connectionRef: BusConnection | null = null;
  private publisherRef: Publisher | null = null;
  private rpcRef: RpcClient<R> | null = null;
  private redisRef: Redis | null = null;
  private relay: OutboxRelay | null = null;
  private opsServer: OpsServer | null = null;
  private readonly handlerParts: ServicePart[] = [];
  private readonly handledTypes = new Set<string>();
  private running: RunningParts | null = null;

  constructor(private readonly options: ServiceRuntimeOptions<R>) {
    this.logger = options.logger ?? createLogger({ service: options.name, level: options.env.LOG_LEVEL });
    this.metrics = createMetrics({ service: options.name });
    this.db = createDatabase({
      url: options.env.DATABASE_URL,
      schema: options.name.replace(/-/g, '_'),
      poolMax: options.env.DATABASE_POOL_MAX,
      logger: this.logger,
    });
    this.outbox = new Outbox({ registry: options.registry, source: options.name, schema: this.db.schema });
    this.uow = new UnitOfWork(this.db, this.outbox);
  }

  get connection(): BusConnection {
    return required(this.connectionRef, 'bus connection');
  }
  get publisher(): Publisher {
    return required(this.publisherRef, 'publisher');
  }
  get rpc(): RpcClient<R> {
    return required(this.rpcRef, 'rpc client');
  }
  get redis(): Redis {
    return required(this.redisRef, 'redis (set `redis: true` in the runtime options)');
  }
  /** The ops server's port (useful when HTTP_PORT=0). */
  get httpPort(): number {
    return required(this.opsServer, 'ops server').port;
  }

  /** Registers a queue consumer; started by `start()`, after the bus and before HTTP. */
  consume<T extends MessageType<R>>(spec: ConsumerSpec<R, T>): this {
    this.handle(Object.keys(spec.handlers));
    let consumer: Consumer<R, T> | null = null;
    this.handlerParts.push({
      name: `consumer:${spec.queue}`,
      start: async () => {
        consumer = await Consumer.start({ ...this.busParts(), ...spec });
      },
      stop: async () => consumer?.stop(),
      isReady: () => this.connectionRef?.isConnected() ?? false,
    });
    return this;
  }

  /**
   * Registers a consumer of a partitioned queue: messages with the same partition key are handled
   * in order, one at a time across all instances, and the partitions are spread over the
   * instances (needs `redis: true`). See PartitionedConsumer.
   */
  consumePartitioned<T extends MessageType<R>>(spec: PartitionedConsumerSpec<R, T>): this {
    this.handle(Object.keys(spec.handlers));
    let consumer: PartitionedConsumer<R, T> | null = null;
    this.handlerParts.push({
      name: `partitioned-consumer:${spec.queue}`,
      start: async () => {
        consumer = await PartitionedConsumer.start({ ...this.busParts(), ...spec, redis: this.redis });
      },
      stop: async () => consumer?.stop(),
      isReady: () => this.connectionRef?.isConnected() ?? false,
    });
    return this;
  }

  /**
   * Registers the answers to what is asked with request/reply. Without a queue, reads (queries)
   * go to `<name>.queries` and state changes (commands with a result) to `<name>.commands`; the
   * queries queue drops the commands bound to it when it used to serve both (issue 12).
   */
  respond<T extends RequestType<R>>(spec: ResponderSpec<R, T>): this {
    this.handle(Object.keys(spec.handlers));
    if (spec.queue !== undefined) return this.responder({ ...spec, queue: spec.queue });
    const { registry, name } = this.options;
    const byKind = (kind: 'query' | 'command') =>
      Object.fromEntries(
        Object.entries(spec.handlers).filter(([type]) => registry[type]?.kind === kind),
      ) as RpcServerOptions<R, T>['handlers'];
    const queries = byKind('query');
    const commands = byKind('command');
    const ownCommands = ownedTypes(registry, name).filter((type) => registry[type]?.kind === 'command');
    if (Object.keys(queries).length > 0)
      this.responder({ ...spec, handlers: queries, queue: queriesQueueOf(name), retiredTypes: ownCommands });
    if (Object.keys(commands).length > 0)
      this.responder({ ...spec, handlers: commands, queue: commandsQueueOf(name) });
    return this;
  }

  private responder<T extends RequestType<R>>(
    spec: Pick<RpcServerOptions<R, T>, 'handlers' | 'prefetch' | 'queue' | 'retiredTypes'>,
  ): this {
    let server: RpcServer<R, T> | null = null;
    this.handlerParts.push({
      name: `responder:${spec.queue}`,
      start: async () => {
        server = await RpcServer.start({ ...this.busParts(), ...spec });
      },
      stop: async () => server?.stop(),
    });
    return this;
  }

  /** Remembers which types have a handler, for the check that every owned type has one. */
  private handle(types: readonly string[]): void {
    for (const type of types) this.handledTypes.add(type);
  }

  /** Registers a part of the service's own (e.g. Telegram ingress), started after the handlers. */
  part(part: ServicePart): this {
    this.handlerParts.push(part);
    return this;
  }

  /** Publishes a message directly (no state change behind it; otherwise use `uow.run` + emit). */
  publish<T extends MessageType<R>>(
    type: T,
    data: DataInput<R, T>,
    options?: EmitOptions,
  ): Promise<Envelope<T, DataOf<R, T>>> {
    return publishMessage(this.publisher, this.options.registry, this.options.name, type, data, options);
  }

  /** Only migrates the schema (the `migrate` command), then releases the database. */
  async migrateOnly(): Promise<string[]> {
    try {
      return await migrateDatabase(this.db, this.options.migrations);
    } finally {
      await closeDatabase(this.db);
    }
  }

  /**
   * Every part in start order; what `run()` and `start()` start.
   * @throws if a command or query this service owns (`<name>.…`) has no handler: a request for it
   * would wait out its deadline, a command would sit in a queue forever (Immich's job registry check).
   */
  parts(): ServicePart[] {
    const unhandled = ownedTypes(this.options.registry, this.options.name).filter(
      (type) => !this.handledTypes.has(type),
    );
    if (unhandled.length > 0)
      throw new Error(
        `${this.options.name} owns ${unhandled.join(', ')} but registers no handler for ` +
          `${unhandled.length === 1 ? 'it' : 'them'}: wire each in its service.ts`,
      );
    this.refuseSharedQueues();
    return [...this.infrastructureParts(), ...this.handlerParts];
  }

  /** Two parts on one queue would take each other's messages (a consumer's and a responder's). */
  private refuseSharedQueues(): void {
    const byQueue = new Map<string, string[]>();
    for (const part of this.handlerParts) {
      // A partitioned consumer's name is the base of its `.pNN` queues, not a queue of its own.
      const queue = /^(?:consumer|responder):(.+)$/.exec(part.name)?.[1];
      if (queue) byQueue.set(queue, [...(byQueue.get(queue) ?? []), part.name]);
    }
    for (const [queue, parts] of byQueue)
      if (parts.length > 1)
        throw new Error(`${this.options.name} consumes ${queue} twice (${parts.join(', ')})`);
  }

  /** For a service process (main.ts): signals, graceful stop, exit codes, ops HTTP server. */
  run(): Promise<void> {
    return runServices({
      logger: this.logger,
      units: [this.unit()],
      ops: { port: this.options.env.HTTP_PORT },
    });
  }

  /** What a process runs of this service (`runServices`), alone or beside the others (the host). */
  unit(): ServiceUnit {
    return {
      name: this.options.name,
      logger: this.logger,
      parts: this.parts(),
      metrics: this.metrics,
      configureHttp: this.options.configureHttp,
    };
  }

  /** In-process start (tests, tools): the same parts and ops server, without owning the process. */
  async start(): Promise<void> {
    this.running = await startParts(this.parts(), this.logger);
    this.opsServer = await startOpsServer({
      port: this.options.env.HTTP_PORT,
      metrics: this.metrics,
      logger: this.logger,
      readiness: () => this.readiness(),
      configure: this.options.configureHttp,
    });
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    await this.opsServer?.close();
  }

  readiness(): ReadinessReport {
    return this.running?.readiness() ?? { ready: false, checks: {} };
  }

  private busParts() {
    return {
      connection: this.connection,
      publisher: this.publisher,
      registry: this.options.registry,
      logger: this.logger,
      metrics: this.metrics,
    };
  }

  private infrastructureParts(): ServicePart[] {
    const { env, name, registry } = this.options;
    return [
      {
        name: 'database',
        start: async () => {
          await pingDatabase(this.db);
          const applied = await migrateDatabase(this.db, this.options.migrations);
          if (applied.length) this.logger.info({ applied }, 'migrations applied');
        },
        stop: () => closeDatabase(this.db),
      },
      {
        name: 'bus',
        start: async () => {
          this.connectionRef = await BusConnection.open({
            url: env.AMQP_URL,
            name: `${name}@${process.pid}`,
            logger: this.logger,
          });
          this.publisherRef = await Publisher.open({
            connection: this.connectionRef,
            logger: this.logger,
            metrics: this.metrics,
          });
        },
        stop: async () => {
          await this.publisherRef?.close();
          await this.connectionRef?.close();
        },
        isReady: () => this.connectionRef?.isConnected() ?? false,
      },
      ...(this.options.redis ? [this.redisPart()] : []),
      {
        name: 'outbox-relay',
        start: async () => {
          this.relay = await OutboxRelay.start({
            db: this.db,
            databaseUrl: env.DATABASE_URL,
            publisher: this.publisher,
            logger: this.logger,
            metrics: this.metrics,
            ...this.options.relay,
          });
        },
        stop: async () => this.relay?.stop(),
      },
      periodicTask({
        name: 'inbox-pruning',
        intervalMs: INBOX_PRUNE_INTERVAL_MS,
        logger: this.logger,
        // Redeliveries come within minutes; a week of memory is ample and keeps the table small.
        task: () => pruneInbox(this.db.knex, this.db.schema, INBOX_RETENTION_MS),
      }),
      {
        name: 'rpc-client',
        start: async () => {
          this.rpcRef = await RpcClient.open({
            connection: this.connection,
            registry,
            source: name,
            logger: this.logger,
            metrics: this.metrics,
            ...this.options.rpc,
          });
        },
        stop: async () => this.rpcRef?.close(),
      },
    ];
  }

  private redisPart(): ServicePart {
    return {
      name: 'redis',
      start: async () => {
        this.redisRef = createRedis({
          url: this.options.env.REDIS_URL,
          keyPrefix: this.options.env.REDIS_PREFIX,
          logger: this.logger,
        });
        await this.redisRef.connect();
      },
      stop: async () => {
        await this.redisRef?.quit().catch(() => undefined);
      },
      isReady: () => this.redisRef?.status === 'ready',
    };
  }
}

/** The commands and queries addressed to `service` (`task.accept` belongs to task). */
function ownedTypes(registry: Registry, service: string): string[] {
  return Object.entries(registry)
    .filter(([type, def]) => def.kind !== 'event' && targetOf(type) === service)
    .map(([type]) => type);
}

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is not started yet: call start() first`);
  return value;
}
