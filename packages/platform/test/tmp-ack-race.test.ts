// TEMPORARY reproduction (chaos helper): instant handlers vs. a consumer's (re)start.
import { afterAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { BusConnection, Consumer, Publisher, createMetrics, publishMessage } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';

const env = useTestEnv('tmp-ack-race');
const logger = pino({ level: 'warn' });
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const close of closers.reverse()) await close().catch(() => undefined); });

async function open(name: string) {
  const connection = await BusConnection.open({ url: env().amqpUrl, name, logger });
  const publisher = await Publisher.open({ connection, logger, metrics: createMetrics({ service: name }) });
  closers.push(() => connection.close(), () => publisher.close());
  return { connection, publisher };
}
const start = async (bus: Awaited<ReturnType<typeof open>>, handled: { n: number }) =>
  Consumer.start<Messages, 'tg.out.sent'>({
    connection: bus.connection, publisher: bus.publisher, registry: messages, logger,
    metrics: createMetrics({ service: 'race' }), queue: 'race.outcomes',
    handlers: { 'tg.out.sent': async () => { handled.n++; return { duplicate: false }; } },
  });
const publish = async (bus: Awaited<ReturnType<typeof open>>, count: number) => {
  for (let i = 0; i < count; i++)
    await publishMessage(bus.publisher, messages, 'test', 'tg.out.sent', { idempotencyKey: `k${i}`, chatId: 1, method: 'sendMessage' });
};
const unacked = async () => (await env().management.queueInfo(env().amqpVhost, 'race.outcomes'))?.messagesUnacknowledged ?? -1;

it('a consumer started on a queue with a backlog acknowledges everything', async () => {
  const bus = await open('race-a');
  const first = await start(bus, { n: 0 });
  await first.stop();
  await publish(bus, 100);
  const handled = { n: 0 };
  const consumer = await start(bus, handled);
  closers.push(() => consumer.stop());
  await waitFor(() => handled.n >= 100, { message: '100 handled' });
  await sleep(7_000); // management stats lag
  console.log('after start with backlog: handled', handled.n, 'unacked', await unacked());
  expect(await unacked()).toBe(0);
}, 60_000);

it('after the connection is forced closed, the backlog is acknowledged too', async () => {
  const bus = await open('race-b');
  const handled = { n: 0 };
  const consumer = await start(bus, handled);
  closers.push(() => consumer.stop());
  const publisherBus = await open('race-pub');
  await env().management.closeConnectionsWhenSeen(env().amqpVhost, { min: 3 });
  await publish(publisherBus, 100).catch(() => undefined);
  await waitFor(() => handled.n >= 100, { message: '100 handled', timeoutMs: 30_000 });
  await sleep(7_000);
  console.log('after reconnect: handled', handled.n, 'unacked', await unacked());
  expect(await unacked()).toBe(0);
}, 60_000);
