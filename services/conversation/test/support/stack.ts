import { serviceEnvValues } from '@fieldgram/testkit';
import amqplib, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { waitFor } from '@fieldgram/testkit';
import { TelegramSandbox, type ChatEvent, type SandboxBot } from '@fieldgram/telegram-sandbox';
import {
  BusConnection,
  createMetrics,
  envelopeProperties,
  isPartitionQueue,
  RpcClient,
  SecretBox,
  type ObjectStorage,
  type ServiceRuntime,
} from '@fieldgram/platform';
import {
  messages,
  type RequestType,
  type DataInput,
  type Envelope,
  type Messages,
  type ResultOf,
} from '@fieldgram/contracts';
import { createBotGateway, type BotGateway } from '../../../bot-gateway/src/service.js';
import { gatewayEnvSchema } from '../../../bot-gateway/src/config.js';
import { createIdentityService, type IdentityService } from '../../../identity/src/service.js';
import { identityEnvSchema } from '../../../identity/src/config.js';
import { conversationEnvSchema, type ConversationEnv } from '../../src/config.js';
import {
  createConversationService,
  type ConversationService,
  type ConversationServiceOptions,
} from '../../src/service.js';

export const silentLogger = pino({ level: 'silent' });

/**
 * The whole front door, in process, against the TestEnv's real servers: the Telegram sandbox,
 * the real bot-gateway (polling the sandbox), the real identity service, and conversation.
 */
export class FrontDoorStack {
  private constructor(
    readonly sandbox: TelegramSandbox,
    readonly bot: SandboxBot,
    readonly gateway: BotGateway,
    readonly identityService: IdentityService,
    private conversationService: ConversationService,
    private readonly conversationEnv: ConversationEnv,
    private readonly rpc: RpcClient<Messages>,
    private readonly bus: BusConnection,
    readonly tap: InboundTap,
  ) {}

  get conversation(): ConversationService {
    return this.conversationService;
  }

  /**
   * `conversation` options: flows of a test's own, the wizard hook and timings; `storage`: where
   * bot-gateway takes the files it sends from storage (a test puts PDFs there).
   */
  static async start(
    env: TestEnv,
    options: {
      orgLanguage?: 'ru' | 'en';
      conversation?: ConversationServiceOptions;
      storage?: ObjectStorage;
    } = {},
  ): Promise<FrontDoorStack> {
    const sandbox = await TelegramSandbox.start({ limits: 'off' });
    const bot = sandbox.createBot({ username: 'fieldgram_test_bot' });
    const common = {
      ...serviceEnvValues(env),
    };
    const conversationEnv = conversationEnvSchema.parse({
      ...common,
      ORG_LANGUAGE: options.orgLanguage ?? 'ru',
    });
    const [gateway, identityService, conversation] = await Promise.all([
      createBotGateway(
        gatewayEnvSchema.parse({
          ...common,
          SECRETS_KEY: SecretBox.generateKey(),
          TELEGRAM_API_ROOT: sandbox.apiRoot,
          TELEGRAM_BOT_TOKEN: bot.token,
          TELEGRAM_MODE: 'polling',
          // The sandbox's limits are off: pace only loosely, so tests do not wait out Telegram's.
          TELEGRAM_LIMIT_PER_SECOND: '1000',
          TELEGRAM_LIMIT_PER_CHAT_PER_SECOND: '1000',
        }),
        { pollTimeoutSeconds: 1, ...(options.storage ? { storage: options.storage } : {}) },
      ),
      createIdentityService(identityEnvSchema.parse({ ...common }), { logger: silentLogger }),
      createConversationService(conversationEnv, { logger: silentLogger, ...options.conversation }),
    ]);
    // Consumers first, so nothing the gateway publishes finds their queues missing.
    await Promise.all([identityService.runtime.start(), conversation.runtime.start()]);
    await gateway.runtime.start();
    const bus = await BusConnection.open({
      url: env.amqpUrl,
      name: 'conversation-test',
      logger: silentLogger,
    });
    const rpc = await RpcClient.open({
      connection: bus,
      registry: messages,
      source: 'test',
      logger: silentLogger,
      metrics: createMetrics({ service: 'conversation-test' }),
    });
    const tap = await InboundTap.open(env.amqpUrl);
    return new FrontDoorStack(
      sandbox,
      bot,
      gateway,
      identityService,
      conversation,
      conversationEnv,
      rpc,
      bus,
      tap,
    );
  }

  /**
   * Stops conversation and starts a new instance (what a deploy or a crash does), on the same
   * Redis sessions and queues; with other options, a new version of its flows.
   */
  async restartConversation(options: ConversationServiceOptions = {}): Promise<void> {
    await this.conversationService.runtime.stop();
    this.conversationService = await createConversationService(this.conversationEnv, {
      logger: silentLogger,
      ...options,
    });
    await this.conversationService.runtime.start();
  }

  /** Asks identity, as the admin API would. */
  ask<T extends RequestType<Messages> & `identity.${string}`>(
    type: T,
    data: DataInput<Messages, T>,
  ): Promise<ResultOf<Messages, T>> {
    return this.rpc.request(type, data, { timeoutMs: 5_000 });
  }

  async userByTelegram(telegramId: number) {
    return (await this.ask('identity.get-user-by-telegram', { telegramId })).user;
  }

  /** What the bot sent into a chat (messages), in order. */
  botMessages(chatId: number): ChatEvent[] {
    return this.sandbox.chatLog(this.bot.token, chatId).filter((event) => event.kind === 'message');
  }

  /** Waits for the bot's `count`-th message in a chat and returns all of them. */
  async waitForBotMessages(chatId: number, count: number, timeoutMs = 10_000): Promise<ChatEvent[]> {
    return waitFor(
      () => {
        const sent = this.botMessages(chatId);
        return sent.length >= count ? sent : undefined;
      },
      { message: `${count} bot message(s) in chat ${chatId}`, timeoutMs },
    );
  }

  /** Messages of a queue taken by a service, by outcome (from its metrics). */
  static async consumed(runtime: ServiceRuntime<Messages>, queue: string, outcome?: string): Promise<number> {
    const metric = runtime.metrics.registry.getSingleMetric('fg_messages_consumed_total');
    if (!metric) return 0;
    const { values } = await metric.get();
    return values
      .filter(
        (value) =>
          (value.labels.queue === queue || isPartitionQueue(String(value.labels.queue), queue)) &&
          (outcome === undefined || value.labels.outcome === outcome),
      )
      .reduce((sum, value) => sum + value.value, 0);
  }

  async stop(): Promise<void> {
    await this.tap.close().catch(() => undefined);
    await this.rpc.close().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    await this.gateway.runtime.stop();
    await Promise.all([this.conversation.runtime.stop(), this.identityService.runtime.stop()]);
    await this.sandbox.stop();
  }
}

/** Every `tg.in.*` event on fg.tg, raw, as conversation receives it; can publish one again. */
export class InboundTap {
  readonly envelopes: Envelope[] = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
  ) {}

  static async open(amqpUrl: string): Promise<InboundTap> {
    const connection = await amqplib.connect(amqpUrl);
    const channel = await connection.createConfirmChannel();
    const tap = new InboundTap(connection, channel);
    await channel.assertExchange('fg.tg', 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, 'fg.tg', 'tg.in.#');
    await channel.consume(
      queue,
      (message) => {
        if (message) tap.envelopes.push(JSON.parse(message.content.toString()) as Envelope);
      },
      { noAck: true },
    );
    return tap;
  }

  find(type: string, updateId: number): Promise<Envelope> {
    return waitFor(
      () =>
        this.envelopes.find(
          (envelope) =>
            envelope.type === type && (envelope.data as { updateId?: number }).updateId === updateId,
        ),
      { message: `${type} of update ${updateId}`, timeoutMs: 10_000 },
    );
  }

  /** Publishes an event again, unchanged (same id): what a redelivery after a crash looks like. */
  republish(envelope: Envelope): Promise<void> {
    return this.burst([envelope]);
  }

  /** Publishes events back to back, waiting for the broker's confirms only at the end. */
  async burst(envelopes: Envelope[]): Promise<void> {
    for (const envelope of envelopes) {
      this.channel.publish(
        'fg.tg',
        envelope.type,
        Buffer.from(JSON.stringify(envelope)),
        envelopeProperties(envelope),
      );
    }
    await this.channel.waitForConfirms();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
