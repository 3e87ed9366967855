// The outbox relay: woken by NOTIFY, polling as a fallback, order per key, one active relay, cleanup (issue 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import {
  BusConnection,
  createDatabase,
  createMetrics,
  migrateDatabase,
  Outbox,
  OutboxRelay,
  Publisher,
  UnitOfWork,
  closeDatabase,
  type ServiceDatabase,
} from '@fieldgram/platform';
import { exampleMessages, type ExampleMessages } from './example-service/src/contracts.js';
import { silentLogger } from './support/example-harness.js';

const env = useTestEnv('outbox-relay');
const metrics = createMetrics({ service: 'outbox-test' });
let db: ServiceDatabase;
let uow: UnitOfWork<ExampleMessages>;
let connection: BusConnection;
let publisher: Publisher;
let raw: ChannelModel;
let channel: Channel;
const received: { name: string; greetingId: number }[] = [];

function startRelay(
  options: { pollIntervalMs?: number; cleanupIntervalMs?: number; retentionMs?: number } = {},
) {
  return OutboxRelay.start({
    db,
    databaseUrl: env().databaseUrl,
    publisher,
    logger: silentLogger,
    metrics,
    pollIntervalMs: 60_000,
    ...options,
  });
}

function emitGreeted(name: string, greetingId: number) {
  return uow.run(({ emit }) =>
    emit('example.greeted', { greetingId, name, text: 'hi' }, { partitionKey: `greeting:${name}` }),
  );
}

beforeAll(async () => {
  db = createDatabase({ url: env().databaseUrl, schema: 'relay_test' });
  await migrateDatabase(db, []);
  uow = new UnitOfWork(db, new Outbox({ registry: exampleMessages, source: 'test', schema: db.schema }));
  connection = await BusConnection.open({ url: env().amqpUrl, name: 'relay-test', logger: silentLogger });
  publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
  // A plain subscriber: arrival order on one queue is publish order.
  raw = await amqplib.connect(env().amqpUrl);
  channel = await raw.createChannel();
  await channel.assertExchange('fg.events', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, 'fg.events', 'example.greeted');
  await channel.consume(
    queue,
    (message) => {
      if (!message) return;
      const envelope = JSON.parse(message.content.toString()) as {
        data: { name: string; greetingId: number };
      };
      received.push(envelope.data);
    },
    { noAck: true },
  );
});
afterAll(async () => {
  await raw?.close();
  await publisher?.close();
  await connection?.close();
  await closeDatabase(db);
});

describe('outbox relay', () => {
  it('is woken by NOTIFY on commit (its polling is set to a minute here)', async () => {
    const relay = await startRelay();
    try {
      await waitFor(() => relay.isLeader(), { message: 'relay active' });
      await emitGreeted('notify', 1);
      await waitFor(() => received.some((event) => event.name === 'notify'), {
        message: 'event relayed',
        timeoutMs: 5_000,
      });
    } finally {
      await relay.stop();
    }
  });

  it('falls back to polling when a notification is missed', async () => {
    await db.knex.raw('alter table relay_test.fg_outbox disable trigger fg_outbox_notify');
    const relay = await startRelay({ pollIntervalMs: 200 });
    try {
      await emitGreeted('poll', 1);
      await waitFor(() => received.some((event) => event.name === 'poll'), {
        message: 'event relayed by polling',
      });
    } finally {
      await relay.stop();
      await db.knex.raw('alter table relay_test.fg_outbox enable trigger fg_outbox_notify');
    }
  });

  it('keeps the commit order of each key under concurrent writers', async () => {
    await db.knex.raw(
      'create table if not exists relay_test.counters (name text primary key, n int not null)',
    );
    const names = ['a', 'b', 'c', 'd'];
    await db.knex.raw(`insert into relay_test.counters values ${names.map(() => '(?, 0)').join(',')}`, names);
    const relay = await startRelay({ pollIntervalMs: 100 });
    try {
      // 4 keys × 25 writers at once; each takes the next number of its key inside its transaction.
      await Promise.all(
        names.flatMap((name) =>
          Array.from({ length: 25 }, () =>
            uow.run(async ({ trx, emit }) => {
              const { rows } = await trx.raw<{ rows: { n: number }[] }>(
                'update relay_test.counters set n = n + 1 where name = ? returning n',
                [name],
              );
              const [row] = rows;
              await emit(
                'example.greeted',
                { greetingId: row!.n, name: `order-${name}`, text: 'x' },
                {
                  partitionKey: `greeting:${name}`,
                },
              );
            }),
          ),
        ),
      );
      await waitFor(() => received.filter((event) => event.name.startsWith('order-')).length === 100, {
        message: '100 ordered events relayed',
      });
      for (const name of names) {
        const sequence = received
          .filter((event) => event.name === `order-${name}`)
          .map((event) => event.greetingId);
        expect(sequence).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      }
    } finally {
      await relay.stop();
    }
  });

  it('runs one active relay per schema; a standby takes over when it stops', async () => {
    const first = await startRelay({ pollIntervalMs: 100 });
    await waitFor(() => first.isLeader(), { message: 'first relay active' });
    const second = await startRelay({ pollIntervalMs: 100 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(second.isLeader()).toBe(false);
      await first.stop();
      await waitFor(() => second.isLeader(), { message: 'standby took over' });
      await emitGreeted('takeover', 1);
      await waitFor(() => received.some((event) => event.name === 'takeover'), {
        message: 'relayed by the standby',
      });
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('deletes published rows older than the retention, and nothing else', async () => {
    await emitGreeted('old', 1);
    await db.knex('relay_test.fg_outbox').update({ published_at: db.knex.raw("now() - interval '8 days'") });
    await emitGreeted('fresh', 2);
    const before = await db.knex('relay_test.fg_outbox').count({ n: '*' });
    expect(Number(before[0]?.n)).toBeGreaterThan(1);

    const relay = await startRelay({
      pollIntervalMs: 100,
      cleanupIntervalMs: 0,
      retentionMs: 7 * 24 * 3_600_000,
    });
    try {
      await waitFor(
        async () => Number((await db.knex('relay_test.fg_outbox').count({ n: '*' }))[0]?.n) === 1,
        {
          message: 'old rows deleted',
        },
      );
      const [left] = await db
        .knex('relay_test.fg_outbox')
        .select<{ envelope: { data: { name: string } } }[]>('envelope');
      expect(left?.envelope.data.name).toBe('fresh');
    } finally {
      await relay.stop();
    }
  });
});
