import {
  createEnvelope,
  messages,
  newMessageId,
  type Actor,
  type Claim,
  type ClaimFile,
  type DataInput,
  type Messages,
  type User,
} from '@fieldgram/contracts';
import { BusConnection, createMetrics, Publisher } from '@fieldgram/platform';
import {
  FakeIdentity,
  serviceTestRunner,
  testLogger,
  type ServiceTestRun,
  type TestEnv,
} from '@fieldgram/testkit';
import { claimsEnvSchema } from '../../src/config.js';
import { createClaimsService, type ClaimsService } from '../../src/service.js';
import { FakeBotGateway } from './fake-bot-gateway.js';
import { FakeWaybills } from './fake-waybills.js';

export const ADMIN: { actor: Actor } = { actor: { kind: 'user', userId: newMessageId(), role: 'admin' } };

/** Request options acting as this manager. */
export const asManager = (managerId: string): { actor: Actor } => ({
  actor: { kind: 'user', userId: managerId, role: 'manager' },
});

type Peers = { identity: FakeIdentity; waybills: FakeWaybills; botGateway: FakeBotGateway };

export interface ClaimsRun {
  run: ServiceTestRun<ClaimsService, Peers>;
  identity: FakeIdentity;
  waybills: FakeWaybills;
  botGateway: FakeBotGateway;
  /** A manager, and `client` makes their clients. */
  manager(name?: string): User;
  client(managerId: string | null, name?: string): User;
  /** Files a claim as the bot does (the system acting), with defaults for what the test leaves out. */
  file(client: User, fields?: Partial<DataInput<Messages, 'claims.file'>>): Promise<Claim>;
  /** Publishes an event as its owner would (identity's, or a claim.filed again), said at `occurredAt`. */
  publish<T extends 'user.manager-assigned' | 'user.updated' | 'claim.filed'>(
    type: T,
    data: DataInput<Messages, T>,
    occurredAt?: Date,
  ): Promise<void>;
  stop(): Promise<void>;
}

/**
 * claims on its TestEnv with fakes of what it asks: identity (clients and their managers),
 * waybill (`waybill.find`) and bot-gateway (`bot-gateway.store-file`), copies retried after
 * 100-400 ms. The real pairings are the e2e suites'.
 */
export async function startClaims(env: TestEnv): Promise<ClaimsRun> {
  const run = await serviceTestRunner({
    name: 'claims',
    env,
    events: ['claim.#'],
    peers: { identity: FakeIdentity.start, waybills: FakeWaybills.start, botGateway: FakeBotGateway.start },
    caller: { defaults: ADMIN },
    create: (values, { logger }) =>
      createClaimsService(claimsEnvSchema.parse(values), { logger, copyRetryDelaysMs: [100, 200, 400] }),
  });
  const logger = testLogger('claims-test-publisher');
  const connection = await BusConnection.open({ url: env.amqpUrl, name: 'claims-test', logger });
  const publisher = await Publisher.open({ connection, logger, metrics: createMetrics({ service: 'test' }) });
  const { identity, waybills, botGateway } = run.peers;
  let requests = 0;
  return {
    run,
    identity,
    waybills,
    botGateway,
    manager: (name = 'Марина Менеджер') => identity.add({ role: 'manager', name }),
    client: (managerId, name = 'Иван Клиентов') => identity.add({ role: 'client', name, managerId }),
    file: (client, fields = {}) =>
      run.ask(
        'claims.file',
        {
          clientId: client.id,
          requestId: `wizard-${++requests}-${newMessageId()}`,
          waybillNumber: 'ТК-0001',
          email: 'client@example.com',
          description: 'Коробка пришла мокрой, посуда разбита',
          amount: 1_500_050,
          files: [] as ClaimFile[],
          ...fields,
        },
        { actor: { kind: 'system' } },
      ),
    publish: (type, data, occurredAt) => {
      const envelope = createEnvelope({
        type,
        data: messages[type].data.parse(data),
        source: 'test',
        occurredAt,
      });
      return publisher.publishEnvelope(messages[type].exchange, type, envelope);
    },
    async stop() {
      await publisher.close();
      await connection.close();
      await run.stop();
    },
  };
}
