// Crashes of a service process: nothing lost, nothing done twice (issue 2, DESIGN §3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { freePort, sleep, startProcess, useTestEnv, waitFor, type ChildHandle } from '@fieldgram/testkit';
import { EX_CONFIG } from '@fieldgram/platform';
import {
  EXAMPLE_MAIN,
  countGreetedLog,
  countGreetings,
  exampleClient,
  exampleDb,
} from './support/example-harness.js';

const env = useTestEnv('crash-recovery');
let client: Awaited<ReturnType<typeof exampleClient>>;
let db: Knex;
const children: ChildHandle[] = [];

function startExampleProcess(extra: Record<string, string> = {}): ChildHandle {
  const child = startProcess({
    name: 'example-service',
    entry: EXAMPLE_MAIN,
    env: env().processEnv({ LOG_LEVEL: 'info', HTTP_PORT: '0', ...extra }),
  });
  children.push(child);
  return child;
}

function whenStarted(child: ChildHandle): Promise<unknown> {
  return child.waitForLog((entry) => entry.msg === 'service started', 20_000);
}

async function greetedLogFor(name: string): Promise<number> {
  const [row] = await db
    .withSchema('example')
    .table('greeted_log')
    .join('greetings', 'greetings.id', 'greeted_log.greeting_id')
    .where('greetings.name', name)
    .count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  // Migrate with the `migrate` command first: the schema exists before any test publishes.
  const migrate = startProcess({
    name: 'example-migrate',
    entry: EXAMPLE_MAIN,
    args: ['migrate'],
    env: env().processEnv({ LOG_LEVEL: 'info' }),
  });
  const exit = await migrate.exited;
  if (exit.code !== 0) throw new Error(`migrate failed:\n${migrate.lines().join('\n')}`);
  client = await exampleClient(env());
  db = exampleDb(env());
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.kill('SIGKILL').catch(() => undefined)));
  await client?.close();
  await db?.destroy();
});

describe('a service process killed at the worst moments', () => {
  it('the migrate command created the schema and exited', async () => {
    expect(await countGreetings(db)).toBe(0);
  });

  it('SIGKILL while handling: the message is redelivered and its effect happens exactly once', async () => {
    const slow = startExampleProcess({ EXAMPLE_HANDLER_DELAY_MS: '5000' });
    await whenStarted(slow);
    const command = await client.greet('Kim');
    const line = await slow.waitForLog((entry) => entry.msg === 'greeting in progress');
    // Every line logged while handling carries the message's correlation.
    expect(line).toMatchObject({
      correlationId: command.correlationId,
      messageId: command.id,
      service: 'example',
    });
    const killed = await slow.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(await countGreetings(db, 'Kim')).toBe(0); // the transaction died with the process

    const healthy = startExampleProcess();
    await whenStarted(healthy);
    await waitFor(async () => (await greetedLogFor('Kim')) === 1, { message: 'Kim greeted and logged' });
    await sleep(500); // room for a wrong second delivery to show up
    expect(await countGreetings(db, 'Kim')).toBe(1);
    expect(await greetedLogFor('Kim')).toBe(1);
    await healthy.kill('SIGTERM');
  });

  it('killed between commit and publish: the event still goes out after restart, and is seen once', async () => {
    const crashing = startExampleProcess({ EXAMPLE_CRASH_AFTER_COMMIT: '1' });
    await whenStarted(crashing);
    await client.greet('Lee');
    const exit = await crashing.exited;
    expect(exit.signal).toBe('SIGKILL');

    // Committed: the greeting and its event in the outbox, not yet published; the command unacknowledged.
    expect(await countGreetings(db, 'Lee')).toBe(1);
    const pending = await db
      .withSchema('example')
      .table('fg_outbox')
      .whereNull('published_at')
      .select('routing_key');
    expect(pending.map((row: { routing_key: string }) => row.routing_key)).toEqual(['example.greeted']);
    expect(await greetedLogFor('Lee')).toBe(0);

    const restarted = startExampleProcess();
    await whenStarted(restarted);
    await waitFor(async () => (await greetedLogFor('Lee')) === 1, { message: 'Lee greeted event consumed' });
    await sleep(500);
    // The redelivered command was recognised by the inbox: still one greeting, one event.
    expect(await countGreetings(db, 'Lee')).toBe(1);
    expect(await greetedLogFor('Lee')).toBe(1);
    const unpublished = await db
      .withSchema('example')
      .table('fg_outbox')
      .whereNull('published_at')
      .count<{ n: string }[]>({ n: '*' });
    expect(Number(unpublished[0]?.n)).toBe(0);
    await restarted.kill('SIGTERM');
  });

  it('SIGTERM while handling: the in-flight message finishes before the process exits 0', async () => {
    const slow = startExampleProcess({ EXAMPLE_HANDLER_DELAY_MS: '1500' });
    await whenStarted(slow);
    await client.greet('Max');
    await slow.waitForLog((entry) => entry.msg === 'greeting in progress');
    const exit = await slow.kill('SIGTERM');
    expect(exit.code).toBe(0);
    expect(await countGreetings(db, 'Max')).toBe(1);
    const stopped = slow
      .logs()
      .map((entry) => entry.part)
      .filter(Boolean);
    // Parts stop in reverse order of starting: consumers before the bus and the database.
    expect(stopped.indexOf('consumer:example.commands')).toBeLessThan(stopped.lastIndexOf('bus'));

    // Its event was committed to the outbox; the next start publishes it.
    const next = startExampleProcess();
    await whenStarted(next);
    await waitFor(async () => (await greetedLogFor('Max')) === 1, { message: 'Max greeted event consumed' });
    await next.kill('SIGTERM');
  });

  it('serves /healthz, /readyz and /metrics with message counters and handler latency', async () => {
    const port = await freePort();
    const service = startExampleProcess({ HTTP_PORT: String(port) });
    await whenStarted(service);
    await client.greet('Ned');
    await waitFor(async () => (await greetedLogFor('Ned')) === 1, { message: 'Ned greeted' });
    const base = `http://127.0.0.1:${port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: { database: true, bus: true, 'consumer:example.commands': true },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /fg_messages_consumed_total\{[^}]*queue="example.commands"[^}]*outcome="ok"[^}]*\} 1/,
    );
    expect(metrics).toMatch(/fg_messages_published_total\{[^}]*type="example.greeted"[^}]*\} 1/);
    expect(metrics).toContain('fg_messages_failed_total');
    expect(metrics).toMatch(/fg_handler_duration_seconds_bucket\{[^}]*queue="example.greeted-log"/);

    await service.kill('SIGTERM');
  });

  it('a malformed environment variable stops the start with a message naming it', async () => {
    const broken = startExampleProcess({ AMQP_URL: 'rabbit://nowhere', HTTP_PORT: 'eighty' });
    const exit = await broken.exited;
    expect(exit.code).toBe(EX_CONFIG);
    expect(broken.stderrText()).toMatch(/AMQP_URL: expected a URL starting with amqp:\/\/ or amqps:\/\//);
    expect(broken.stderrText()).toMatch(/HTTP_PORT: expected an integer 0-65535/);
  });

  it('every greeting so far was logged exactly once', async () => {
    expect(await countGreetedLog(db)).toBe(await countGreetings(db));
  });
});
