// Connections closed by force while publishing and consuming: both recover, nothing confirmed is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import { Publisher, PublishError, type ServiceRuntime } from '@fieldgram/platform';
import { createEnvelope } from '@fieldgram/contracts';
import type { ExampleMessages } from './example-service/src/contracts.js';
import {
  countGreetedLog,
  countGreetings,
  exampleClient,
  exampleDb,
  silentLogger,
  startExample,
} from './support/example-harness.js';

const env = useTestEnv('broker-outage');
let service: ServiceRuntime<ExampleMessages>;
let client: Awaited<ReturnType<typeof exampleClient>>;
let db: Knex;

beforeAll(async () => {
  service = await startExample(env());
  client = await exampleClient(env());
  db = exampleDb(env());
});
afterAll(async () => {
  await client?.close();
  await service?.stop();
  await db?.destroy();
});

describe('broker connection closed by force', () => {
  it('publisher and consumers reconnect; every confirmed message is handled exactly once', async () => {
    const total = 600;
    const { management, amqpVhost } = env();
    // The management API lists new connections with a delay; wait until both are closable.
    await waitFor(async () => (await management.listConnections(amqpVhost)).length >= 2, {
      message: 'service and client connections listed',
      timeoutMs: 20_000,
    });
    const confirmed: string[] = [];
    const publishing = (async () => {
      // Ten publishers at a time, each awaiting its confirm.
      for (let start = 0; start < total; start += 10) {
        const batch = Array.from({ length: Math.min(10, total - start) }, (_, i) => `n-${start + i}`);
        await Promise.all(batch.map(async (name) => confirmed.push((await client.greet(name)).data.name)));
      }
    })();
    await waitFor(() => confirmed.length >= 100, { message: '100 published' });
    const handledBeforeClose = await countGreetings(db);
    const closedConnections = await management.closeConnections(amqpVhost);
    await publishing;
    console.log(
      `closed ${closedConnections} connections after ${handledBeforeClose} of ${total} were handled; ` +
        `${confirmed.length} publishes confirmed`,
    );

    expect(handledBeforeClose).toBeLessThan(total); // the close really came mid-run
    expect(closedConnections).toBeGreaterThanOrEqual(2);
    expect(confirmed).toHaveLength(total);
    await waitFor(async () => (await countGreetedLog(db)) === total, {
      message: `all ${total} greeted events consumed`,
      timeoutMs: 30_000,
    });
    expect(await countGreetings(db)).toBe(total);
    const [distinct] = await db
      .withSchema('example')
      .table('greetings')
      .countDistinct<{ n: string }[]>({ n: 'name' });
    expect(Number(distinct?.n)).toBe(total);
    await waitFor(() => service.readiness().ready, { message: 'service ready again' });
  });
});

describe('a channel closed by a channel-level error', () => {
  it('is reopened: a publish to a missing exchange fails clearly and the next one goes through', async () => {
    const publisher = await Publisher.open({
      connection: client.connection,
      logger: silentLogger,
      metrics: client.metrics,
      confirmTimeoutMs: 1_000,
    });
    try {
      const lost = createEnvelope({ type: 'example.greet', data: { name: 'x' }, source: 'test' });
      const error = await publisher
        .publishEnvelope('fg.nowhere', 'example.greet', lost)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as Error).message).toMatch(
        /^publish to fg.nowhere\/example.greet not confirmed: .*NOT_FOUND/,
      );

      const good = createEnvelope({ type: 'example.greet', data: { name: 'after-error' }, source: 'test' });
      await publisher.publishEnvelope('fg.commands', 'example.greet', good);
      await waitFor(async () => (await countGreetings(db, 'after-error')) === 1, {
        message: 'greeted after reopen',
      });
    } finally {
      await publisher.close();
    }
  });
});
