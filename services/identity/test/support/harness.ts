import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import amqplib, { type ChannelModel } from 'amqplib';
import knex, { type Knex } from 'knex';
import { pino, type Logger } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { waitFor } from '@fieldgram/testkit';
import {
  BusConnection,
  createMetrics,
  RemoteError,
  RpcClient,
  RpcServer,
  type RequestOptions,
} from '@fieldgram/platform';
import {
  messages,
  type Actor,
  type BotSettings,
  type DataInput,
  type Envelope,
  type Messages,
  type QueryType,
  type ResultOf,
} from '@fieldgram/contracts';
import { identityEnvSchema, type IdentityEnv } from '../../src/config.js';
import { createIdentityService, type IdentityService } from '../../src/service.js';

export const IDENTITY_MAIN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'main.ts',
);
export const silentLogger = pino({ level: 'silent' });
export const ADMIN = { login: 'root-admin', password: 'correct horse battery' };

/** identity's environment for a test: the TestEnv's servers, a known first admin unless overridden. */
export function identityEnvFor(
  env: TestEnv,
  overrides: Record<string, string | undefined> = {},
): IdentityEnv {
  const values: Record<string, string | undefined> = {
    DATABASE_URL: env.databaseUrl,
    AMQP_URL: env.amqpUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ADMIN_LOGIN: ADMIN.login,
    ADMIN_PASSWORD: ADMIN.password,
    TELEGRAM_BOT_USERNAME: 'fallback_bot',
    ...overrides,
  };
  return identityEnvSchema.parse(
    Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)),
  );
}

export async function startIdentity(
  env: IdentityEnv,
  options: { logger?: Logger } = {},
): Promise<IdentityService> {
  const service = await createIdentityService(env, options);
  await service.runtime.start();
  return service;
}

/** A pino logger whose lines a test can read. */
export function capturingLogger(): { logger: Logger; entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) entries.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), entries };
}

/** Another service asking identity over request/reply, as api-gateway and conversation do. */
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
      // Many concurrent requests in tests: never let a slow burst open the breaker.
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

  async close(): Promise<void> {
    await this.rpc.close();
  }
}

export function asAdmin(userId: string): { actor: Actor } {
  return { actor: { kind: 'user', userId, role: 'admin' } };
}

/** Everything identity publishes on fg.events, as notification or audit would see it. */
export class EventTap {
  readonly envelopes: Envelope<string, Record<string, unknown>>[] = [];

  private constructor(private readonly connection: ChannelModel) {}

  static async open(env: TestEnv): Promise<EventTap> {
    const connection = await amqplib.connect(env.amqpUrl);
    const tap = new EventTap(connection);
    const channel = await connection.createChannel();
    await channel.assertExchange('fg.events', 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    for (const key of ['user.#', 'invite.#']) await channel.bindQueue(queue, 'fg.events', key);
    await channel.consume(
      queue,
      (message) => {
        if (message)
          tap.envelopes.push(
            JSON.parse(message.content.toString()) as Envelope<string, Record<string, unknown>>,
          );
      },
      { noAck: true },
    );
    return tap;
  }

  ofType(type: string, predicate: (data: Record<string, unknown>) => boolean = () => true) {
    return this.envelopes.filter((envelope) => envelope.type === type && predicate(envelope.data));
  }

  next(type: string, predicate: (data: Record<string, unknown>) => boolean = () => true, timeoutMs = 10_000) {
    return waitFor(() => this.ofType(type, predicate)[0], { message: `a ${type} event`, timeoutMs });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** Stands in for bot-gateway's `bot-gateway.get-settings` (the bot username in deep links). */
export async function fakeBotGateway(env: TestEnv, username: string) {
  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'fake-gateway',
    logger: silentLogger,
  });
  const settings: BotSettings = {
    connected: true,
    botId: 1,
    username,
    link: `https://t.me/${username}`,
    mode: 'polling',
    source: 'env',
  };
  const server = await RpcServer.start({
    connection,
    registry: messages,
    logger: silentLogger,
    metrics: createMetrics({ service: 'fake-gateway' }),
    queue: 'bot-gateway.queries',
    handlers: { 'bot-gateway.get-settings': () => Promise.resolve(settings) },
  });
  return {
    async close() {
      await server.stop();
      await connection.close();
    },
  };
}

/** Direct reads and writes of identity's schema (to expire a token, count outbox rows). */
export function identityDb(env: TestEnv): Knex {
  return knex({
    client: 'pg',
    connection: env.databaseUrl,
    searchPath: ['identity'],
    pool: { min: 0, max: 3 },
  });
}

/** Events written to the outbox (committed), by type: the exact count, no waiting for delivery. */
export async function outboxCount(
  db: Knex,
  type: string,
  where: { field: string; value: string | number } | undefined = undefined,
): Promise<number> {
  const query = db.withSchema('identity').table('fg_outbox').where({ routing_key: type });
  if (where) void query.whereRaw("envelope->'data'->>? = ?", [where.field, String(where.value)]);
  const [row] = await query.count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

let nextTelegramId = 700_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
export function telegramProfile(firstName: string, extra: { lastName?: string; username?: string } = {}) {
  nextTelegramId += 1;
  return { telegramId: nextTelegramId, firstName, languageCode: 'en', ...extra };
}
