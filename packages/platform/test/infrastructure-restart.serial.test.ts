// RabbitMQ and PostgreSQL restarted under load: everything recovers by itself, nothing confirmed is
// lost, nothing is done twice, and an outage parks nothing (issue 2, DESIGN §3). Runs in the
// `serial` project: it restarts the servers every other test uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { serverControl, sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { listDeadLetters, type ServiceRuntime } from '@fieldgram/platform';
import type { ExampleMessages } from './example-service/src/contracts.js';
import {
  countGreetedLog,
  countGreetings,
  exampleClient,
  exampleDb,
  startExample,
} from './support/example-harness.js';

const env = useTestEnv('infra-restart');
let service: ServiceRuntime<ExampleMessages>;
let client: Awaited<ReturnType<typeof exampleClient>>;
let db: Knex;
const PACE_MS = 100;

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

/** Publishes `count` greetings ten at a time, paced so that the run spans a server restart. */
async function publishGreetings(prefix: string, count: number, confirmed: string[]): Promise<void> {
  for (let start = 0; start < count; start += 10) {
    const names = Array.from({ length: Math.min(10, count - start) }, (_, i) => `${prefix}-${start + i}`);
    await Promise.all(names.map(async (name) => confirmed.push((await client.greet(name)).data.name)));
    await sleep(PACE_MS);
  }
}

async function expectAllHandledOnce(total: number): Promise<void> {
  await waitFor(async () => (await countGreetedLog(db)) === total, {
    message: `${total} greeted events consumed`,
    timeoutMs: 60_000,
    intervalMs: 250,
  });
  expect(await countGreetings(db)).toBe(total);
  const [distinct] = await db
    .withSchema('example')
    .table('greetings')
    .countDistinct<{ n: string }[]>({ n: 'name' });
  expect(Number(distinct?.n)).toBe(total);
  expect(await listDeadLetters(client.connection, 'example.commands')).toEqual([]);
  expect(await listDeadLetters(client.connection, 'example.greeted-log')).toEqual([]);
}

describe('infrastructure restarts under load', () => {
  it.skipIf(!serverControl.canRestartRabbit())(
    'RabbitMQ restart: publishers and consumers come back',
    async () => {
      const confirmed: string[] = [];
      const publishing = publishGreetings('rabbit', 300, confirmed);
      await waitFor(() => confirmed.length >= 60, { message: '60 published' });
      const startedAt = Date.now();
      const confirmedBefore = confirmed.length;
      await serverControl.restartRabbit();
      console.log(
        `RabbitMQ restarted in ${Date.now() - startedAt} ms; ${confirmedBefore} of 300 confirmed before, ` +
          `${confirmed.length} when it was back`,
      );
      await publishing;
      expect(confirmedBefore).toBeLessThan(300); // the restart really came mid-run
      expect(confirmed).toHaveLength(300);
      await expectAllHandledOnce(300);
      await waitFor(() => service.readiness().ready, { message: 'service ready again' });
    },
  );

  it.skipIf(!serverControl.canRestartPostgres())(
    'PostgreSQL restart: handlers retry without using up tries, the relay reconnects',
    async () => {
      const before = await countGreetings(db);
      const confirmed: string[] = [];
      const publishing = publishGreetings('pg', 200, confirmed);
      await waitFor(() => confirmed.length >= 40, { message: '40 published' });
      const startedAt = Date.now();
      const handledBefore = (await countGreetings(db)) - before;
      await serverControl.restartPostgres();
      console.log(
        `PostgreSQL restarted in ${Date.now() - startedAt} ms; ${handledBefore} of 200 handled before`,
      );
      await publishing;
      expect(handledBefore).toBeLessThan(200);
      await expectAllHandledOnce(before + 200);
    },
  );
});
