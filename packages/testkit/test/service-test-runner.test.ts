// One service in-process on its TestEnv, with a fake identity to ask (the runner every service's tests use).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, type Messages } from '@fieldgram/contracts';
import { platformEnvSchema, RemoteError, ServiceRuntime } from '@fieldgram/platform';
import {
  FakeIdentity,
  serviceTestRunner,
  useTestEnv,
  waitFor,
  type ServiceTestRun,
  type ServiceUnderTest,
} from '../src/index.js';

const env = useTestEnv('service-runner');

/** A service of the test's own: it owns no message, and emits what it is told to. */
function createProbe(values: Record<string, string>, logger: ServiceUnderTest['runtime']['logger']) {
  const runtime = new ServiceRuntime<Messages>({
    name: 'probe',
    registry: messages,
    env: platformEnvSchema.parse(values),
    migrations: [],
    logger,
  });
  const rename = (userId: string, name: string) =>
    runtime.uow.run(({ emit }) =>
      emit(
        'user.updated',
        { userId, role: 'technician', active: true, name, changed: ['displayName'] },
        { partitionKey: `user:${userId}` },
      ),
    );
  return { runtime, rename };
}

type Probe = ReturnType<typeof createProbe>;
let run: ServiceTestRun<Probe, { identity: FakeIdentity }>;

beforeAll(async () => {
  run = await serviceTestRunner({
    name: 'probe',
    env: env(),
    events: ['user.#'],
    peers: { identity: FakeIdentity.start },
    create: (values, { logger }) => Promise.resolve(createProbe(values, logger)),
  });
});
afterAll(async () => {
  await run?.stop();
});

describe('serviceTestRunner', () => {
  it('taps what the service emits and counts its outbox', async () => {
    const userId = run.peers.identity.technician('Ivan Tech');
    await run.service.rename(userId, 'Ivan the Technician');
    const event = await run.tap.next('user.updated', (data) => data.userId === userId);
    expect(event.data).toMatchObject({ name: 'Ivan the Technician' });
    expect(event.source).toBe('probe');
    expect(run.tap.typesFor(userId)).toEqual(['user.updated']);
    expect(await run.outboxCount('user.updated', { field: 'userId', value: userId })).toBe(1);
    expect(await run.outboxCount('user.registered')).toBe(0);
    const [migrations] = await run.db.table('fg_platform_migrations').count<{ n: string }[]>({ n: '*' });
    expect(Number(migrations?.n)).toBeGreaterThan(0);
  });

  it('gives the service a fake identity answering from fixtures', async () => {
    const ivan = run.peers.identity.technician('Ivan Tech', { telegramId: 700_000_001, languageCode: 'en' });
    const asked = await run.runtime.rpc.request('identity.get-user', { userId: ivan });
    expect(asked).toMatchObject({
      id: ivan,
      role: 'technician',
      active: true,
      name: 'Ivan Tech',
      telegramId: 700_000_001,
      profileLink: 'tg://user?id=700000001',
      languageCode: 'en',
      language: null,
    });
    expect((await run.ask('identity.get-user-by-telegram', { telegramId: 700_000_001 })).user?.id).toBe(ivan);
    expect((await run.ask('identity.get-user-by-telegram', { telegramId: 1 })).user).toBeNull();
    const updated = await run.ask('identity.update-user', {
      userId: ivan,
      patch: { language: 'ru', displayName: 'Ivan P.', active: false },
    });
    expect(updated).toMatchObject({ language: 'ru', name: 'Ivan P.', displayName: 'Ivan P.', active: false });
    expect(await run.ask('identity.get-user', { userId: ivan })).toEqual(updated);
  });

  it('answers not_found for anyone the fake does not know', async () => {
    const refusal = await run.refusal('identity.get-user', { userId: 'nobody' });
    expect(refusal).toBeInstanceOf(RemoteError);
    expect(refusal).toMatchObject({ code: 'not_found', details: { userId: 'nobody' } });
  });
});

describe('a service that fails to start', () => {
  const failing = useTestEnv('service-runner-fail');

  it('stops the stand-ins and taps that had started', async () => {
    const start = serviceTestRunner({
      name: 'probe',
      env: failing(),
      events: ['user.#'],
      peers: { identity: FakeIdentity.start },
      create: () => Promise.reject(new Error('bad configuration')),
    });
    await expect(start).rejects.toThrow('bad configuration');
    // The management API reports closed connections a moment later: wait, a leak never goes.
    const { management, amqpVhost } = failing();
    await waitFor(async () => (await management.listConnections(amqpVhost)).length === 0, {
      message: 'every connection of the failed start closed',
      timeoutMs: 10_000,
    });
    expect((await management.queueInfo(amqpVhost, 'identity.queries'))?.consumers ?? 0).toBe(0);
  });
});
