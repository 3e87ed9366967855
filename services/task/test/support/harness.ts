import amqplib, { type ChannelModel } from 'amqplib';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { waitFor } from '@fieldgram/testkit';
import { createMetrics, RemoteError, RpcClient, type RequestOptions } from '@fieldgram/platform';
import {
  messages,
  type Actor,
  type DataInput,
  type Envelope,
  type Messages,
  type QueryType,
  type ResultOf,
  type Role,
} from '@fieldgram/contracts';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService, type IdentityService } from '@fieldgram/identity/service';
import { taskEnvSchema } from '../../src/config.js';
import { createTaskService, type TaskService } from '../../src/service.js';

export const silentLogger = pino({ level: 'silent' });

function baseValues(env: TestEnv): Record<string, string> {
  return {
    DATABASE_URL: env.databaseUrl,
    AMQP_URL: env.amqpUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  };
}

/** task and identity (which it asks whether an assignee is a registered technician). */
export async function startServices(
  env: TestEnv,
  overrides: Record<string, string> = {},
): Promise<{ task: TaskService; identity: IdentityService; stop(): Promise<void> }> {
  const identity = await createIdentityService(
    identityEnvSchema.parse({ ...baseValues(env), NODE_ENV: 'test', TELEGRAM_BOT_USERNAME: 'test_bot' }),
    { logger: silentLogger },
  );
  await identity.runtime.start();
  const task = await createTaskService(taskEnvSchema.parse({ ...baseValues(env), ...overrides }), {
    logger: silentLogger,
  });
  await task.runtime.start();
  return {
    task,
    identity,
    async stop() {
      await task.runtime.stop();
      await identity.runtime.stop();
    },
  };
}

/** Another service asking over request/reply, as api-gateway and conversation do. */
export class Caller {
  private constructor(readonly rpc: RpcClient<Messages>) {}

  static async open(env: TestEnv): Promise<Caller> {
    const rpc = await RpcClient.connect({
      url: env.amqpUrl,
      name: 'caller',
      registry: messages,
      source: 'test',
      logger: silentLogger,
      metrics: createMetrics({ service: 'test-caller' }),
      defaultTimeoutMs: 15_000,
      breaker: { volumeThreshold: 1_000_000 },
    });
    return new Caller(rpc);
  }

  ask<T extends QueryType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RequestOptions,
  ): Promise<ResultOf<Messages, T>> {
    return this.rpc.request(type, data, options);
  }

  /** The refusal a request gets (fails the test if it succeeds). */
  async refusal<T extends QueryType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RequestOptions,
  ): Promise<RemoteError> {
    const outcome = await this.rpc.request(type, data, options).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`${type} succeeded: ${JSON.stringify(outcome.result)}`);
    if (!(outcome.error instanceof RemoteError)) throw outcome.error;
    return outcome.error;
  }

  async technician(name: string): Promise<string> {
    return (await this.ask('identity.create-user', { role: 'technician', name })).id;
  }

  async close(): Promise<void> {
    await this.rpc.close();
  }
}

export function as(userId: string, role: Role = 'admin'): { actor: Actor } {
  return { actor: { kind: 'user', userId, role } };
}

type Data = Record<string, unknown>;

/** Every task event published on fg.events, as notification or audit would see it. */
export class EventTap {
  readonly envelopes: (Envelope<string, Data> & { partitionKey?: string })[] = [];

  private constructor(private readonly connection: ChannelModel) {}

  static async open(env: TestEnv): Promise<EventTap> {
    const connection = await amqplib.connect(env.amqpUrl);
    const tap = new EventTap(connection);
    const channel = await connection.createChannel();
    await channel.assertExchange('fg.events', 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, 'fg.events', 'task.#');
    await channel.consume(
      queue,
      (message) => {
        if (message) tap.envelopes.push(JSON.parse(message.content.toString()) as Envelope<string, Data>);
      },
      { noAck: true },
    );
    return tap;
  }

  ofType(type: string, predicate: (data: Data) => boolean = () => true) {
    return this.envelopes.filter((envelope) => envelope.type === type && predicate(envelope.data));
  }

  /** The types of the events about one task, in order of arrival. */
  typesFor(taskId: string): string[] {
    return this.envelopes
      .filter((envelope) => envelope.data.taskId === taskId)
      .map((envelope) => envelope.type);
  }

  next(type: string, predicate: (data: Data) => boolean = () => true, timeoutMs = 10_000) {
    return waitFor(() => this.ofType(type, predicate)[0], { message: `a ${type} event`, timeoutMs });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export const CLIENT = {
  name: 'Olga Client',
  phone: '+7 900 555-44-33',
  address: '12 Hidden Street, flat 4',
  notes: 'ring twice',
};

export function newTask(
  extra: Partial<DataInput<Messages, 'task.create'>> = {},
): DataInput<Messages, 'task.create'> {
  return { title: 'Fix the boiler', area: 'North district', client: CLIENT, ...extra };
}
