// Regression (found by the chaos test, issue 7): a handler that finishes within microtasks, on a
// queue with a backlog, had its ack skipped when it ran before the consumer (or its reopened
// channel) had finished starting; those messages stayed unacknowledged until the channel died.
import { afterAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { BusConnection, Consumer, Publisher, createMetrics, publishMessage } from '@fieldgram/platform';
import { exampleMessages, type ExampleMessages } from './example-service/src/contracts.js';

const env = useTestEnv('instant-handler-ack');
const logger = pino({ level: 'silent' });
const QUEUE = 'example.instant';
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

async function openBus(name: string) {
  const connection = await BusConnection.open({ url: env().amqpUrl, name, logger });
  const publisher = await Publisher.open({ connection, logger, metrics: createMetrics({ service: name }) });
  closers.push(
    () => connection.close(),
    () => publisher.close(),
  );
  return { connection, publisher };
}

function startCounting(bus: Awaited<ReturnType<typeof openBus>>, counter: { handled: number }) {
  return Consumer.start<ExampleMessages, 'example.greet'>({
    ...bus,
    registry: exampleMessages,
    logger,
    metrics: createMetrics({ service: 'instant' }),
    queue: QUEUE,
    prefetch: 20,
    handlers: {
      'example.greet': () => {
        counter.handled++;
        return Promise.resolve();
      },
    },
  });
}

async function publish(bus: Awaited<ReturnType<typeof openBus>>, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      publishMessage(bus.publisher, exampleMessages, 'test', 'example.greet', { name: `n${index}` }),
    ),
  );
}

/** What the queue still holds for a fresh consumer once the first one stopped: unacknowledged leftovers. */
async function leftoversAfterStopping(
  bus: Awaited<ReturnType<typeof openBus>>,
  consumer: Consumer<ExampleMessages, 'example.greet'>,
): Promise<number> {
  await consumer.stop();
  const after = { handled: 0 };
  const next = await startCounting(bus, after);
  await sleep(1_000);
  await next.stop();
  return after.handled;
}

it('acknowledges every message of a backlog an instant handler takes at start', async () => {
  const bus = await openBus('instant-start');
  await (await startCounting(bus, { handled: 0 })).stop(); // declares the queue
  await publish(bus, 200);
  const counter = { handled: 0 };
  const consumer = await startCounting(bus, counter);
  await waitFor(() => counter.handled >= 200 || undefined, { message: '200 handled' });
  expect(await leftoversAfterStopping(bus, consumer)).toBe(0);
  expect(counter.handled).toBe(200);
});

it('acknowledges every message an instant handler takes right after its channel was reopened', async () => {
  const bus = await openBus('instant-reconnect');
  const counter = { handled: 0 };
  const consumer = await startCounting(bus, counter);
  const producer = await openBus('instant-producer');
  await publish(producer, 200);
  await waitFor(() => counter.handled >= 200 || undefined, { message: 'first 200 handled' });
  // Every connection of the vhost goes; the publishes queue up while ours come back.
  await env().management.closeConnections(env().amqpVhost, 'test: reconnect onto a backlog');
  await publish(producer, 200);
  await waitFor(() => counter.handled >= 400 || undefined, { message: '400 handled', timeoutMs: 30_000 });
  expect(await leftoversAfterStopping(bus, consumer)).toBe(0);
  expect(counter.handled).toBe(400);
});
