import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  newMessageId,
  type Actor,
  type DataInput,
  type Messages,
  type RequestType,
  type ResultOf,
  type WaybillInput,
} from '@fieldgram/contracts';
import type { RequestOptions } from '@fieldgram/platform';
import {
  FakeIdentity,
  serviceTestRunner,
  testLogger,
  serviceEnvValues,
  type Caller,
  type EventTap,
  type PersonFixture,
  type SchemaDb,
  type TestEnv,
} from '@fieldgram/testkit';
import { waybillEnvSchema } from '../../src/config.js';
import { createWaybillService, type WaybillService } from '../../src/service.js';

export const ADMIN: { actor: Actor } = { actor: { kind: 'user', userId: newMessageId(), role: 'admin' } };

/** What a client enters in the bot's wizard (S1-02). */
export const INPUT: WaybillInput = {
  cargo: 'Стройматериалы: 3 паллеты плитки',
  weightKg: 12.5,
  lengthCm: 120,
  widthCm: 80,
  heightCm: 60.5,
  pickupAddress: 'Москва, ул. Ленина, д. 1, склад 4',
  deliveryAddress: 'Казань, ул. Баумана, д. 10, кв. 5',
  paymentMethod: 'receiver_cash',
};

export interface Services {
  waybill: WaybillService;
  /** Asks as an admin unless told otherwise; makes the people the fake identity answers with. */
  caller: WaybillCaller;
  /** waybill's events. */
  events: EventTap;
  /** waybill's schema. */
  db: SchemaDb;
  outboxCount(type: string, where?: { field: string; value: string | number }): Promise<number>;
  /** The object storage directory of this test file. */
  storageDir: string;
  /** Another waybill instance on the same servers and storage (a restart), stopped by `stop()`. */
  startAnother(): Promise<WaybillService>;
  stop(): Promise<void>;
}

/**
 * waybill on its TestEnv with a fake of the one service it asks, identity (the clients, their
 * managers and chats); the real pairing is the e2e suites'. Retries are short, so a failed
 * delivery is tried again within the test.
 */
export async function startServices(env: TestEnv, overrides: Record<string, string> = {}): Promise<Services> {
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'fg-waybill-'));
  const build = (values: Record<string, string>, logger = testLogger('waybill')) =>
    createWaybillService(
      waybillEnvSchema.parse({ ...values, OBJECT_STORAGE_DIR: storageDir, ...overrides }),
      { logger, retryDelaysMs: [200, 500] },
    );
  const run = await serviceTestRunner({
    name: 'waybill',
    env,
    events: ['waybill.#'],
    peers: { identity: FakeIdentity.start },
    caller: { defaults: ADMIN },
    create: (values, { logger }) => build(values, logger),
  }).catch(async (error: unknown) => {
    await rm(storageDir, { recursive: true, force: true });
    throw error;
  });
  const others: WaybillService[] = [];
  return {
    waybill: run.service,
    caller: new WaybillCaller(run.caller, run.peers.identity),
    events: run.tap,
    db: run.db,
    outboxCount: (type, where) => run.outboxCount(type, where),
    storageDir,
    async startAnother() {
      const another = await build(serviceEnvValues(env));
      await another.runtime.start();
      others.push(another);
      return another;
    },
    async stop() {
      for (const other of others) await other.runtime.stop().catch(() => undefined);
      await run.stop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The test's admin (or any actor): asks waybill, and makes the people the fake identity knows. */
export class WaybillCaller {
  constructor(
    private readonly caller: Caller,
    private readonly identity: FakeIdentity,
  ) {}

  ask<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RequestOptions,
  ): Promise<ResultOf<Messages, T>> {
    return this.caller.ask(type, data, options);
  }

  /** waybill's refusal (fails the test if it succeeds). */
  refusal<T extends RequestType<Messages>>(type: T, data: DataInput<Messages, T>, options?: RequestOptions) {
    return this.caller.refusal(type, data, options);
  }

  /** A person identity knows, with their manager if given (S1-01). */
  async person(fixture: PersonFixture & { managerId?: string | null }): Promise<string> {
    const { managerId, ...rest } = fixture;
    const { id } = this.identity.add(rest);
    if (managerId !== undefined)
      await this.caller.ask('identity.update-user', { userId: id, patch: { managerId } }, ADMIN);
    return id;
  }

  /** An active client on Telegram as `telegramId` (null: none), their app in `languageCode`. */
  client(
    name: string,
    options: { telegramId?: number | null; languageCode?: string; managerId?: string | null } = {},
  ): Promise<string> {
    return this.person({
      role: 'client',
      name,
      telegramId: options.telegramId ?? null,
      ...(options.languageCode ? { languageCode: options.languageCode } : {}),
      ...(options.managerId !== undefined ? { managerId: options.managerId } : {}),
    });
  }

  manager(name: string): Promise<string> {
    return this.person({ role: 'manager', name });
  }

  /** A waybill of `clientId` from a new wizard run (`requestId`), `INPUT` unless patched. */
  create(
    clientId: string,
    patch: Partial<WaybillInput> = {},
    requestId: string = newMessageId(),
    options?: RequestOptions,
  ): Promise<ResultOf<Messages, 'waybill.create'>> {
    return this.ask('waybill.create', { ...INPUT, ...patch, clientId, requestId }, options);
  }
}

/** Request options acting as a client in the bot. */
export function asClient(userId: string): { actor: Actor } {
  return { actor: { kind: 'user', userId, role: 'client' } };
}
