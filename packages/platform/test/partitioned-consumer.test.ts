// Partitioned queues (DESIGN §3, issue 7): a key's messages in order across several consumers
// that share the partitions evenly, take over a departed one's, and never overlap on a key.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import {
  createMetrics,
  createRedis,
  PartitionedConsumer,
  publishMessage,
  type Publisher,
} from '@fieldgram/platform';
import type { Redis } from 'ioredis';
import { createEnvelope } from '@fieldgram/contracts';
import { exampleMessages, type ExampleMessages } from './example-service/src/contracts.js';
import { exampleClient, silentLogger } from './support/example-harness.js';

const env = useTestEnv('partitioned-consumer');
const QUEUE = 'example.partitioned';
let client: Awaited<ReturnType<typeof exampleClient>>;
const redises: Redis[] = [];

/** Which member handled which key's messages, in handling order. */
type Log = { member: string; key: string; seq: number }[];

beforeAll(async () => {
  client = await exampleClient(env());
});
afterAll(async () => {
  await client?.close();
  await Promise.all(redises.map((redis) => redis.quit().catch(() => undefined)));
});

/** Members still running: stopped after each test, so a failed test cannot leak into the next. */
const running = new Set<PartitionedConsumer<ExampleMessages, 'example.greet'>>();
afterEach(async () => {
  await Promise.all([...running].map((member) => member.stop()));
  running.clear();
});

async function startMember(name: string, log: Log, options: { handlerDelayMs?: number } = {}) {
  const redis = createRedis({ url: env().redisUrl, keyPrefix: env().redisPrefix, logger: silentLogger });
  redises.push(redis);
  const inHand = new Set<string>();
  const member = await PartitionedConsumer.start<ExampleMessages, 'example.greet'>({
    connection: client.connection,
    publisher: client.publisher,
    registry: exampleMessages,
    logger: silentLogger,
    metrics: createMetrics({ service: name }),
    queue: QUEUE,
    partitions: 8,
    redis,
    leaseTtlMs: 1_000,
    rebalanceIntervalMs: 200,
    prefetch: 1,
    handlers: {
      'example.greet': async (message) => {
        const [key, seq] = message.data.name.split('/') as [string, string];
        // Two members on one key at once would break its order: fail loudly if it happens.
        if (inHand.has(key)) throw new Error(`key ${key} handled twice at once`);
        inHand.add(key);
        await new Promise((resolve) => setTimeout(resolve, options.handlerDelayMs ?? 0));
        log.push({ member: name, key, seq: Number(seq) });
        inHand.delete(key);
      },
    },
  });
  running.add(member); // stopping twice is harmless
  return member;
}

function publishGreetings(publisher: Publisher, keys: string[], seqs: [number, number]): Promise<unknown> {
  const sends: Promise<unknown>[] = [];
  for (let seq = seqs[0]; seq < seqs[1]; seq++) {
    for (const key of keys) {
      sends.push(
        publishMessage(
          publisher,
          exampleMessages,
          'test',
          'example.greet',
          { name: `${key}/${seq}` },
          {
            partitionKey: key,
          },
        ),
      );
    }
  }
  return Promise.all(sends);
}

function inOrderPerKey(log: Log): boolean {
  const last = new Map<string, number>();
  for (const entry of log) {
    if ((last.get(entry.key) ?? -1) >= entry.seq) return false;
    last.set(entry.key, entry.seq);
  }
  return true;
}

describe('PartitionedConsumer', () => {
  it('spreads partitions over members, keeps each key in order, and hands a stopped member’s over', async () => {
    const log: Log = [];
    const first = await startMember('a', log);
    expect(first.owned()).toHaveLength(8);
    const second = await startMember('b', log);
    const third = await startMember('c', log);
    // Hand-overs take a few rounds (a member gives up partitions only after finishing them).
    const sizes = () => [first, second, third].map((member) => member.owned().length).sort();
    await waitFor(() => sizes().join() === '2,3,3' || undefined, {
      message: 'partitions spread over three members',
    });
    expect(sizes()).toEqual([2, 3, 3]);

    const keys = Array.from({ length: 40 }, (_, index) => `chat:${index}`);
    await publishGreetings(client.publisher, keys, [0, 10]);
    await waitFor(() => log.length >= 400 || undefined, { message: '400 greetings handled' });
    expect(inOrderPerKey(log)).toBe(true);
    expect(new Set(log.map((entry) => entry.member))).toEqual(new Set(['a', 'b', 'c']));

    await third.stop();
    await waitFor(() => first.owned().length + second.owned().length === 8 || undefined, {
      message: 'the stopped member’s partitions taken over',
    });
    await publishGreetings(client.publisher, keys, [10, 15]);
    await waitFor(() => log.length >= 600 || undefined, { message: '200 more handled' });
    expect(log).toHaveLength(600);
    expect(inOrderPerKey(log)).toBe(true);
    await Promise.all([first.stop(), second.stop()]);
  });

  it('keeps every key in order while members join and leave mid-stream', async () => {
    const log: Log = [];
    const first = await startMember('d', log, { handlerDelayMs: 3 });
    const second = await startMember('e', log, { handlerDelayMs: 3 });
    const keys = Array.from({ length: 20 }, (_, index) => `chat:${1_000 + index}`);
    await publishGreetings(client.publisher, keys, [0, 20]);
    await waitFor(() => log.length >= 50 || undefined, { message: 'handling under way' });
    const third = await startMember('f', log, { handlerDelayMs: 3 }); // partitions move to it
    await waitFor(() => log.length >= 200 || undefined, { message: 'more handled' });
    await first.stop(); // and away from this one
    await waitFor(() => log.length >= 400 || undefined, { message: 'all 400 handled', timeoutMs: 20_000 });
    expect(log).toHaveLength(400);
    expect(inOrderPerKey(log)).toBe(true);
    expect(new Set(log.map((entry) => entry.member))).toEqual(new Set(['d', 'e', 'f']));
    await Promise.all([second.stop(), third.stop()]);
  });

  it('handles a message published without a slot header (by a foreign publisher) in the first partition', async () => {
    const log: Log = [];
    const member = await startMember('g', log);
    const channel = await client.connection.current()!.createConfirmChannel();
    const envelope = createEnvelope({ type: 'example.greet', data: { name: 'raw/0' }, source: 'test' });
    channel.publish('fg.commands', 'example.greet', Buffer.from(JSON.stringify(envelope)), {
      messageId: envelope.id,
      type: envelope.type,
    });
    await channel.waitForConfirms();
    await channel.close();
    await waitFor(() => log.find((entry) => entry.key === 'raw'), { message: 'the raw message handled' });
    await member.stop();
  });
});
