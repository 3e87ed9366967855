// Commands are commands (issue 12): state changes and reads on queues of their own, the old shared
// queue's command bindings removed (the renamed queue's migration), and no owned type unhandled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import amqplib from 'amqplib';
import { z } from 'zod';
import { useTestEnv } from '@fieldgram/testkit';
import { EXCHANGES, command, messages, query } from '@fieldgram/contracts';
import { BusConnection, createMetrics, RpcClient, ServiceRuntime } from '@fieldgram/platform';
import { platformEnvFor, silentLogger } from './support/example-harness.js';

/** A counter service: one read, one state change answered over request/reply. */
const counterMessages = {
  ...messages,
  'counter.get': query(z.object({}), z.object({ value: z.number().int() })),
  'counter.add': command(z.object({ by: z.number().int() }), z.object({ value: z.number().int() })),
} as const;
type CounterMessages = typeof counterMessages;

const env = useTestEnv('commands-queries');
let counter: ServiceRuntime<CounterMessages>;
let connection: BusConnection;
let rpc: RpcClient<CounterMessages>;
let answered = 0;

/** The counter's runtime with nothing wired yet. */
function bareCounter(): ServiceRuntime<CounterMessages> {
  return new ServiceRuntime({
    name: 'counter',
    registry: counterMessages,
    env: platformEnvFor(env()),
    migrations: [],
    logger: silentLogger,
  });
}

function counterService(): ServiceRuntime<CounterMessages> {
  let value = 0;
  return bareCounter().respond({
    handlers: {
      'counter.get': () => Promise.resolve({ value }),
      'counter.add': ({ data }) => {
        answered++;
        value += data.by;
        return Promise.resolve({ value });
      },
    },
  });
}

beforeAll(async () => {
  // The queue an earlier version answered everything on, with the command still bound to it.
  const raw = await amqplib.connect(env().amqpUrl);
  const channel = await raw.createChannel();
  await channel.assertExchange(EXCHANGES.commands, 'direct', { durable: true });
  await channel.assertQueue('counter.queries', { durable: true });
  await channel.bindQueue('counter.queries', EXCHANGES.commands, 'counter.add');
  await raw.close();

  counter = counterService();
  await counter.start();
  connection = await BusConnection.open({ url: env().amqpUrl, name: 'cq-test', logger: silentLogger });
  rpc = await RpcClient.open({
    connection,
    registry: counterMessages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 'cq-test' }),
  });
});
afterAll(async () => {
  await rpc?.close();
  await connection?.close();
  await counter?.stop();
});

describe('commands and queries', () => {
  it('answers reads on <service>.queries and state changes on <service>.commands', async () => {
    const bindings = async (queue: string) =>
      (await env().management.queueBindings(env().amqpVhost, queue)).map((b) => b.routingKey).sort();
    expect(await bindings('counter.queries')).toEqual(['counter.get']);
    expect(await bindings('counter.commands')).toEqual(['counter.add']);
  });

  it('dropped the command the old shared queue was bound to: each change is made once', async () => {
    expect(await rpc.request('counter.add', { by: 2 })).toEqual({ value: 2 });
    expect(await rpc.request('counter.add', { by: 3 })).toEqual({ value: 5 });
    expect(await rpc.request('counter.get', {})).toEqual({ value: 5 });
    expect(answered).toBe(2);
    expect((await env().management.queueInfo(env().amqpVhost, 'counter.queries'))?.messages).toBe(0);
  });

  it('refuses to start a service that owns a command or query it does not handle', () => {
    const runtime = bareCounter().respond({
      handlers: { 'counter.get': () => Promise.resolve({ value: 0 }) },
    });
    expect(() => runtime.parts()).toThrow(
      'counter owns counter.add but registers no handler for it: wire each in its service.ts',
    );
  });

  it('refuses two parts consuming one queue', () => {
    const runtime = bareCounter()
      .respond({
        handlers: {
          'counter.get': () => Promise.resolve({ value: 0 }),
          'counter.add': () => Promise.resolve({ value: 1 }),
        },
      })
      .consume({
        queue: 'counter.commands',
        handlers: { 'counter.add': () => Promise.resolve({ duplicate: false }) },
      });
    expect(() => runtime.parts()).toThrow(
      'counter consumes counter.commands twice (responder:counter.commands, consumer:counter.commands)',
    );
  });
});
