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
  type Task,
} from '@fieldgram/contracts';
import type { RequestOptions } from '@fieldgram/platform';
import {
  FakeIdentity,
  serviceTestRunner,
  type Caller,
  type EventTap,
  type TestEnv,
} from '@fieldgram/testkit';
import { invoiceEnvSchema } from '../../src/config.js';
import { createInvoiceService, type InvoiceService } from '../../src/service.js';
import { FakeTasks } from './fake-tasks.js';

export const ADMIN: { actor: Actor } = { actor: { kind: 'user', userId: newMessageId(), role: 'admin' } };

type Peers = { identity: FakeIdentity; tasks: FakeTasks };

export interface Services {
  invoice: InvoiceService;
  /** Asks as an admin unless told otherwise. */
  caller: InvoiceCaller;
  /** invoice's events. */
  events: EventTap;
  /** The object storage directory of this test file. */
  storageDir: string;
  stop(): Promise<void>;
}

/**
 * invoice on its TestEnv, with fakes of the services it asks: task (the invoiced task) and
 * identity (its technician). Their real pairing is e2e/invoice.test.ts's to prove.
 */
export async function startServices(env: TestEnv, overrides: Record<string, string> = {}): Promise<Services> {
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'fg-invoice-'));
  const run = await serviceTestRunner({
    name: 'invoice',
    env,
    events: ['invoice.#'],
    peers: { identity: FakeIdentity.start, tasks: FakeTasks.start },
    caller: { defaults: ADMIN },
    create: (values, { logger }) =>
      createInvoiceService(
        invoiceEnvSchema.parse({ ...values, OBJECT_STORAGE_DIR: storageDir, ...overrides }),
        {
          logger,
        },
      ),
  }).catch(async (error: unknown) => {
    await rm(storageDir, { recursive: true, force: true });
    throw error;
  });
  return {
    invoice: run.service,
    caller: new InvoiceCaller(run.caller, run.peers),
    events: run.tap,
    storageDir,
    async stop() {
      await run.stop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The test's admin: asks invoice, and makes the technicians and tasks the fakes answer with. */
export class InvoiceCaller {
  constructor(
    private readonly caller: Caller,
    private readonly peers: Peers,
  ) {}

  ask<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RequestOptions,
  ): Promise<ResultOf<Messages, T>> {
    return this.caller.ask(type, data, options);
  }

  /** The error a request fails with: invoice's refusal or its data refused before it left. */
  refusal<T extends RequestType<Messages>>(type: T, data: DataInput<Messages, T>) {
    return this.caller.failure(type, data);
  }

  /** A technician, on Telegram as `telegramId` unless null, their app in `languageCode` if given. */
  technician(name: string, telegramId: number | null, languageCode?: string): Promise<string> {
    return Promise.resolve(
      this.peers.identity.technician(name, { telegramId, ...(languageCode ? { languageCode } : {}) }),
    );
  }

  /** A task its technician completed. */
  completedTask(title: string, technicianId: string): Promise<Task> {
    return Promise.resolve(this.peers.tasks.add(title, technicianId, 'completed'));
  }

  /** A new task, not yet done. */
  task(title: string, technicianId: string): Promise<Task> {
    return Promise.resolve(this.peers.tasks.add(title, technicianId, 'new'));
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
}
