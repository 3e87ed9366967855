import { serviceEnvValues } from '@fieldgram/testkit';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import amqplib, { type ChannelModel } from 'amqplib';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { waitFor } from '@fieldgram/testkit';
import type { LocalDirectoryStorage } from '@fieldgram/platform';
import { BusConnection, createMetrics, Publisher, publishMessage, SecretBox } from '@fieldgram/platform';
import { messages, type DataInput, type Envelope, type Messages } from '@fieldgram/contracts';
import { gatewayEnvSchema, type GatewayEnv } from '../../src/config.js';
import { createBotGateway, type BotGateway } from '../../src/service.js';
import type { TgOutOptions } from '../../src/egress/handle-tg-out.js';

export const GATEWAY_MAIN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'main.ts',
);
export const silentLogger = pino({ level: 'silent' });

/** The gateway's environment for a test: the TestEnv's servers, the sandbox as Telegram. */
export function gatewayEnvFor(env: TestEnv, overrides: Record<string, string> = {}): GatewayEnv {
  return gatewayEnvSchema.parse({
    ...serviceEnvValues(env),
    SECRETS_KEY: SecretBox.generateKey(),
    TELEGRAM_ALBUM_WAIT_MS: '300',
    ...overrides,
  });
}

/** The gateway's flood-limit variables for the limits a sandbox enforces. */
export function floodLimitEnv(limits: {
  perBotPerSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
}): Record<string, string> {
  return {
    TELEGRAM_LIMIT_PER_SECOND: String(limits.perBotPerSecond),
    TELEGRAM_LIMIT_PER_CHAT_PER_SECOND: String(limits.perChatPerSecond),
    TELEGRAM_LIMIT_PER_GROUP_PER_MINUTE: String(limits.perGroupPerMinute),
  };
}

export async function startGateway(
  env: GatewayEnv,
  options: { storage?: LocalDirectoryStorage; tgOut?: TgOutOptions } = {},
): Promise<BotGateway> {
  const gateway = await createBotGateway(env, { ...options, pollTimeoutSeconds: 1 });
  await gateway.runtime.start();
  return gateway;
}

type TappedEnvelope<T extends string> = Envelope<T, Record<string, unknown>> & {
  partitionKeyHeader?: string;
};

/** Everything published on fg.tg, as another service would see it. */
export class TelegramTap {
  readonly envelopes: (Envelope & { partitionKeyHeader?: string })[] = [];

  private constructor(private readonly connection: ChannelModel) {}

  static async open(env: TestEnv): Promise<TelegramTap> {
    const connection = await amqplib.connect(env.amqpUrl);
    const tap = new TelegramTap(connection);
    const channel = await connection.createChannel();
    await channel.assertExchange('fg.tg', 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    for (const key of ['tg.in.#', 'tg.out.sent', 'tg.out.failed', 'tg.user.blocked'])
      await channel.bindQueue(queue, 'fg.tg', key);
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        const envelope = JSON.parse(message.content.toString()) as Envelope;
        const header: unknown = message.properties.headers?.['x-fg-partition-key'];
        tap.envelopes.push({
          ...envelope,
          ...(typeof header === 'string' ? { partitionKeyHeader: header } : {}),
        });
      },
      { noAck: true },
    );
    return tap;
  }

  ofType<T extends keyof Messages>(type: T): TappedEnvelope<T>[] {
    return this.envelopes.filter((envelope) => envelope.type === type) as TappedEnvelope<T>[];
  }

  async next<T extends keyof Messages>(
    type: T,
    predicate: (data: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<TappedEnvelope<T>> {
    return waitFor(() => this.ofType(type).find((envelope) => predicate(envelope.data)), {
      message: `a ${type} event`,
      timeoutMs,
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** A service that sends `tg.out` commands, as notification or conversation will. */
export async function commandSender(env: TestEnv) {
  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'test-sender',
    logger: silentLogger,
  });
  const publisher = await Publisher.open({
    connection,
    logger: silentLogger,
    metrics: createMetrics({ service: 'test' }),
  });
  return {
    send: (data: DataInput<Messages, 'tg.out'>) =>
      publishMessage(publisher, messages, 'test', 'tg.out', data),
    async close() {
      await publisher.close();
      await connection.close();
    },
  };
}
