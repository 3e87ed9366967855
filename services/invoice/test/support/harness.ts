import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import amqplib, { type ChannelModel } from 'amqplib';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { waitFor } from '@fieldgram/testkit';
import { createMetrics, RpcClient, type RequestOptions } from '@fieldgram/platform';
import {
  messages,
  newMessageId,
  type Actor,
  type DataInput,
  type Envelope,
  type Messages,
  type QueryType,
  type ResultOf,
} from '@fieldgram/contracts';
import { identityEnvSchema } from '@fieldgram/identity/config';
import { createIdentityService, type IdentityService } from '@fieldgram/identity/service';
import { taskEnvSchema } from '@fieldgram/task/config';
import { createTaskService, type TaskService } from '@fieldgram/task/service';
import { invoiceEnvSchema } from '../../src/config.js';
import { createInvoiceService, type InvoiceService } from '../../src/service.js';

export const silentLogger = pino({ level: process.env.FG_TEST_LOG ?? 'silent' });

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

export interface Services {
  invoice: InvoiceService;
  task: TaskService;
  identity: IdentityService;
  /** The object storage directory of this test file. */
  storageDir: string;
  stop(): Promise<void>;
}

/** invoice with the services it asks: task (the invoiced task) and identity (the technician). */
export async function startServices(env: TestEnv, overrides: Record<string, string> = {}): Promise<Services> {
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'fg-invoice-'));
  const identity = await createIdentityService(
    identityEnvSchema.parse({ ...baseValues(env), NODE_ENV: 'test', TELEGRAM_BOT_USERNAME: 'test_bot' }),
    { logger: silentLogger },
  );
  await identity.runtime.start();
  const task = await createTaskService(taskEnvSchema.parse(baseValues(env)), { logger: silentLogger });
  await task.runtime.start();
  const invoice = await createInvoiceService(
    invoiceEnvSchema.parse({ ...baseValues(env), OBJECT_STORAGE_DIR: storageDir, ...overrides }),
    { logger: silentLogger },
  );
  await invoice.runtime.start();
  return {
    invoice,
    task,
    identity,
    storageDir,
    async stop() {
      await invoice.runtime.stop();
      await task.runtime.stop();
      await identity.runtime.stop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN: { actor: Actor } = { actor: { kind: 'user', userId: newMessageId(), role: 'admin' } };

/** Another service asking over request/reply, as api-gateway does. */
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
      defaultTimeoutMs: 20_000,
      breaker: { volumeThreshold: 1_000_000 },
    });
    return new Caller(rpc);
  }

  ask<T extends QueryType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options: RequestOptions = ADMIN,
  ): Promise<ResultOf<Messages, T>> {
    return this.rpc.request(type, data, options);
  }

  /** The error a request fails with (fails the test if it succeeds). */
  async refusal<T extends QueryType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
  ): Promise<Error & { code?: string }> {
    const outcome = await this.ask(type, data).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`${type} succeeded: ${JSON.stringify(outcome.result)}`);
    if (!(outcome.error instanceof Error)) throw new Error(`${type} failed with ${String(outcome.error)}`);
    return outcome.error;
  }

  /** A technician, connected to Telegram as `telegramId` unless null, their app in `languageCode` if given. */
  async technician(name: string, telegramId: number | null, languageCode?: string): Promise<string> {
    const user = await this.ask('identity.create-user', { role: 'technician', name });
    if (telegramId !== null) {
      const link = await this.ask('identity.create-telegram-link', { userId: user.id });
      const linked = await this.ask('identity.register-from-telegram', {
        profile: { telegramId, firstName: name, ...(languageCode ? { languageCode } : {}) },
        startPayload: `l_${link.token}`,
      });
      if (linked.outcome !== 'linked') throw new Error(`could not link ${name}: ${linked.outcome}`);
    }
    return user.id;
  }

  /** A task walked through dispatch to `completed` by its technician. */
  async completedTask(title: string, technicianId: string): Promise<ResultOf<Messages, 'task.get'>> {
    const task = await this.task(title, technicianId);
    await this.ask('task.send', { taskId: task.id });
    await this.ask('task.accept', { taskId: task.id, technicianId });
    await this.ask('task.release-client-info', { taskId: task.id });
    return this.ask('task.complete', { taskId: task.id, technicianId });
  }

  /** A RUB invoice for a new completed task of `technicianId` (one line unless `items` says otherwise). */
  async invoiceForNewTask(
    title: string,
    technicianId: string,
    fields: Partial<DataInput<Messages, 'invoice.create'>> = {},
  ): Promise<ResultOf<Messages, 'invoice.create'>> {
    const task = await this.completedTask(title, technicianId);
    return this.ask('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Работа', quantity: 1, unitPrice: 500 }],
      currency: 'RUB',
      ...fields,
    });
  }

  task(title: string, technicianId: string): Promise<ResultOf<Messages, 'task.get'>> {
    return this.ask('task.create', {
      title,
      area: 'Северный район',
      client: { name: 'Ольга', phone: '+7 900 555-44-33', address: 'ул. Скрытая, 12' },
      assigneeId: technicianId,
    });
  }

  async close(): Promise<void> {
    await this.rpc.close();
  }
}

type Data = Record<string, unknown>;

/** Messages on an exchange (invoice events on fg.events, `tg.out` commands on fg.tg). */
export class Tap {
  readonly envelopes: Envelope<string, Data>[] = [];

  private constructor(private readonly connection: ChannelModel) {}

  static async open(env: TestEnv, exchange: string, pattern: string): Promise<Tap> {
    const connection = await amqplib.connect(env.amqpUrl);
    const tap = new Tap(connection);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, exchange, pattern);
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

  next(type: string, predicate: (data: Data) => boolean = () => true, timeoutMs = 10_000) {
    return waitFor(() => this.ofType(type, predicate)[0], { message: `a ${type} message`, timeoutMs });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

const run = promisify(execFile);

/** The text of a PDF, as poppler's pdftotext extracts it, with runs of white space made one space. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fg-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
