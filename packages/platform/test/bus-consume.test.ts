// Consumers: confirmed publish → handled once, invalid messages parked, retries, dead-letter replay (issue 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { startProcess, useTestEnv, waitFor } from '@fieldgram/testkit';
import { listDeadLetters, type ServiceRuntime } from '@fieldgram/platform';
import { createEnvelope } from '@fieldgram/contracts';
import type { ExampleMessages } from './example-service/src/contracts.js';
import {
  countGreetedLog,
  countGreetings,
  exampleClient,
  exampleDb,
  startExample,
} from './support/example-harness.js';

const DLQ_CLI = new URL('../src/cli/dead-letters-cli.ts', import.meta.url).pathname;
const env = useTestEnv('bus-consume');
let service: ServiceRuntime<ExampleMessages>;
let client: Awaited<ReturnType<typeof exampleClient>>;
let db: Knex;

beforeAll(async () => {
  service = await startExample(env(), { retryDelaysMs: [100, 300] });
  client = await exampleClient(env());
  db = exampleDb(env());
});
afterAll(async () => {
  await client?.close();
  await service?.stop();
  await db?.destroy();
});

async function deadCount(queue: string): Promise<number> {
  return (await listDeadLetters(client.connection, queue, 100)).length;
}

describe('consuming', () => {
  it('handles a confirmed command once, and its event reaches the subscriber once', async () => {
    await client.greet('Ann');
    await waitFor(async () => (await countGreetedLog(db)) === 1, { message: 'greeted event logged' });
    expect(await countGreetings(db, 'Ann')).toBe(1);
    const summary = await service.rpc.request('example.get-greeting', { name: 'Ann' });
    expect(summary).toEqual({ count: 1, lastText: 'Hello, Ann!' });
  });

  it('parks an invalid message with the reason and keeps consuming', async () => {
    const channel = await client.connection.current()!.createConfirmChannel();
    channel.publish('fg.commands', 'example.greet', Buffer.from('{not json'), { type: 'example.greet' });
    const badData = createEnvelope({ type: 'example.greet', data: { name: '' }, source: 'test' });
    channel.publish('fg.commands', 'example.greet', Buffer.from(JSON.stringify(badData)), {
      messageId: badData.id,
    });
    await channel.waitForConfirms();
    await channel.close();
    await client.greet('Cid');

    await waitFor(async () => (await deadCount('example.commands')) === 2, {
      message: 'two invalid messages parked',
    });
    const letters = await listDeadLetters(client.connection, 'example.commands');
    expect(letters.map((letter) => letter.error)).toEqual([
      'invalid message: body is not JSON',
      expect.stringContaining('invalid example.greet data: name:'),
    ]);
    await waitFor(async () => (await countGreetings(db, 'Cid')) === 1, {
      message: 'Cid greeted after the bad ones',
    });
  });

  it('retries a failing handler, parks it after the last try, and the CLI replays it once fixed', async () => {
    await db.withSchema('example').table('broken_names').insert({ name: 'Bob' });
    const envelope = await client.greet('Bob');

    const parked = await waitFor(
      async () =>
        (await listDeadLetters(client.connection, 'example.commands')).find(
          (l) => l.messageId === envelope.id,
        ),
      { message: 'Bob parked in example.commands.dead', timeoutMs: 15_000 },
    );
    expect(parked.attempts).toBe(3); // first try + the two retries configured
    expect(parked.error).toContain('cannot greet Bob: the name is on the broken list');
    const retried = await service.metrics.registry.getSingleMetricAsString('fg_messages_consumed_total');
    expect(retried).toMatch(/outcome="retried"[^\n]* 2\n/);
    expect(await countGreetings(db, 'Bob')).toBe(0);

    // Listing does not consume: the message is still parked.
    expect(
      (await listDeadLetters(client.connection, 'example.commands')).some((l) => l.messageId === envelope.id),
    ).toBe(true);

    await db.withSchema('example').table('broken_names').where({ name: 'Bob' }).delete();
    const cli = startProcess({
      name: 'fg-dlq',
      entry: DLQ_CLI,
      args: ['replay', 'example.commands', '--id', envelope.id],
      env: { ...process.env, AMQP_URL: env().amqpUrl },
    });
    const exit = await cli.exited;
    expect(cli.stdoutText()).toContain(`replayed ${envelope.id} (example.greet) → example.commands`);
    expect(exit.code).toBe(0);

    await waitFor(async () => (await countGreetings(db, 'Bob')) === 1, {
      message: 'Bob greeted after replay',
    });
    const left = await listDeadLetters(client.connection, 'example.commands');
    expect(left.some((l) => l.messageId === envelope.id)).toBe(false);
    expect(left).toHaveLength(2); // the invalid ones of the previous test stay parked
  });

  it('lists parked messages with the CLI', async () => {
    const cli = startProcess({
      name: 'fg-dlq',
      entry: DLQ_CLI,
      args: ['list', 'example.commands.dead', '--json'],
      env: { ...process.env, AMQP_URL: env().amqpUrl },
    });
    expect((await cli.exited).code).toBe(0);
    const listed = JSON.parse(cli.stdoutText()) as { error: string; queue: string }[];
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({
      queue: 'example.commands',
      error: 'invalid message: body is not JSON',
    });
  });

  it('refuses a replay without a selection, with usage help', async () => {
    const cli = startProcess({
      name: 'fg-dlq',
      entry: DLQ_CLI,
      args: ['replay', 'example.commands'],
      env: { ...process.env, AMQP_URL: env().amqpUrl },
    });
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderrText()).toContain('replay needs --all or at least one --id');
  });
});
