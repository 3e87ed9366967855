import amqplib, { type ChannelModel } from 'amqplib';
import knex, { type Knex } from 'knex';
import { pino } from 'pino';
import { waitFor, type TestEnv, serviceEnvValues, userFixture } from '@fieldgram/testkit';
import {
  BusConnection,
  createMetrics,
  Publisher,
  publishMessage,
  RpcClient,
  RpcServer,
  DomainError,
  type EmitOptions,
  type ServiceRuntime,
} from '@fieldgram/platform';
import {
  messages,
  type DataInput,
  type Envelope,
  type Messages,
  type MessageType,
  type User,
} from '@fieldgram/contracts';
import { notificationEnvSchema, type NotificationEnv } from '../../src/config.js';
import {
  createNotificationService,
  type NotificationService,
  type NotificationServiceOptions,
} from '../../src/service.js';

export const silentLogger = pino({ level: 'silent' });

export function notificationEnvFor(env: TestEnv, overrides: Record<string, string> = {}): NotificationEnv {
  return notificationEnvSchema.parse({
    ...serviceEnvValues(env),
    ...overrides,
  });
}

export async function startNotification(
  env: TestEnv,
  options: NotificationServiceOptions = {},
): Promise<NotificationService> {
  const service = await createNotificationService(notificationEnvFor(env), options);
  await service.runtime.start();
  return service;
}

/** A person as identity describes them (UserSchema), with defaults for what a test does not care about. */
export const person = userFixture;

/**
 * A TEST DOUBLE of identity at the bus boundary (identity is written concurrently): it answers
 * `identity.list-users` and `identity.get-user` over real request/reply, from a list of people
 * the test sets, filtering and paging as the contract says. Nothing inside notification is faked.
 */
export class IdentityDouble {
  people: User[] = [];
  listRequests = 0;

  private server: RpcServer<Messages, 'identity.list-users' | 'identity.get-user'> | undefined;

  private constructor(private readonly connection: BusConnection) {}

  static async start(env: TestEnv): Promise<IdentityDouble> {
    const connection = await BusConnection.open({
      url: env.amqpUrl,
      name: 'identity-double',
      logger: silentLogger,
    });
    const double = new IdentityDouble(connection);
    await double.resume();
    return double;
  }

  /** identity goes down: requests stay unanswered. */
  async pause(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** identity answers (again). */
  async resume(): Promise<void> {
    this.server ??= await RpcServer.start({
      connection: this.connection,
      registry: messages,
      logger: silentLogger,
      metrics: createMetrics({ service: 'identity-double' }),
      queue: 'identity.queries',
      handlers: {
        'identity.list-users': ({ data }) => {
          this.listRequests++;
          const matching = this.people.filter(
            (user) =>
              (data.role === undefined || user.role === data.role) &&
              (data.active === undefined || user.active === data.active),
          );
          const start = (data.page - 1) * data.pageSize;
          return Promise.resolve({
            items: matching.slice(start, start + data.pageSize),
            total: matching.length,
            page: data.page,
            pageSize: data.pageSize,
          });
        },
        'identity.get-user': ({ data }) => {
          const user = this.people.find((candidate) => candidate.id === data.userId);
          if (!user) throw new DomainError('not_found', `user ${data.userId} not found`);
          return Promise.resolve(user);
        },
      },
    });
  }

  async stop(): Promise<void> {
    await this.pause();
    await this.connection.close();
  }
}

type Seen = Envelope<string, Record<string, unknown>>;

/**
 * Other services on the bus: publishes what identity and bot-gateway would, and watches what
 * notification publishes (`notification.created` on fg.events, `tg.out` on fg.tg).
 */
export class BusPeer {
  readonly seen: Seen[] = [];

  private constructor(
    private readonly connection: BusConnection,
    private readonly publisher: Publisher,
    private readonly tap: ChannelModel,
    readonly rpc: RpcClient<Messages>,
  ) {}

  static async open(env: TestEnv): Promise<BusPeer> {
    const metrics = createMetrics({ service: 'bus-peer' });
    const connection = await BusConnection.open({ url: env.amqpUrl, name: 'bus-peer', logger: silentLogger });
    const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
    const rpc = await RpcClient.open({
      connection,
      registry: messages,
      source: 'api-gateway',
      logger: silentLogger,
      metrics,
    });
    const tap = await amqplib.connect(env.amqpUrl);
    const peer = new BusPeer(connection, publisher, tap, rpc);
    const channel = await tap.createChannel();
    await channel.assertExchange('fg.events', 'topic', { durable: true });
    await channel.assertExchange('fg.tg', 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, 'fg.events', 'notification.created');
    await channel.bindQueue(queue, 'fg.tg', 'tg.out');
    await channel.consume(
      queue,
      (message) => message && peer.seen.push(JSON.parse(message.content.toString()) as Seen),
      { noAck: true },
    );
    return peer;
  }

  /** Publishes as `source` would (validated, confirmed), as `options.actor` if given. */
  publish<T extends MessageType<Messages>>(
    source: string,
    type: T,
    data: DataInput<Messages, T>,
    options: EmitOptions = {},
  ) {
    return publishMessage(this.publisher, messages, source, type, data, options);
  }

  /** The very same envelope once more: what a redelivery looks like to a consumer. */
  republish(envelope: Envelope): Promise<void> {
    return this.publisher.publishEnvelope(
      messages[envelope.type as MessageType<Messages>].exchange,
      envelope.type,
      envelope,
    );
  }

  ofType(
    type: 'notification.created' | 'tg.out',
    predicate: (data: Record<string, unknown>) => boolean = () => true,
  ) {
    return this.seen.filter((envelope) => envelope.type === type && predicate(envelope.data));
  }

  async close(): Promise<void> {
    await this.rpc.close();
    await this.publisher.close();
    await this.connection.close();
    await this.tap.close();
  }
}

/** Direct reads of notification's schema, to check its effects. */
export function notificationDb(env: TestEnv): Knex {
  return knex({
    client: 'pg',
    connection: env.databaseUrl,
    searchPath: ['notification'],
    pool: { min: 0, max: 3 },
  });
}

/** How many messages of `type` the service's consumers took with this outcome (its own metrics). */
export function consumedCount(
  runtime: ServiceRuntime<Messages>,
  type: string,
  outcome: 'ok' | 'duplicate' | 'retried',
): Promise<number> {
  return counted(runtime, 'fg_messages_consumed_total', { type, outcome });
}

async function counted(
  runtime: ServiceRuntime<Messages>,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = runtime.metrics.registry.getSingleMetric(name);
  const { values } = (await metric!.get()) as {
    values: { labels: Record<string, unknown>; value: number }[];
  };
  return values
    .filter((value) => Object.entries(labels).every(([label, wanted]) => value.labels[label] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}

export { waitFor };
