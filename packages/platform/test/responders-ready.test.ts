// A front door is not ready before the services it asks consume their queries (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import {
  BusConnection,
  queriesQueueOf,
  responderQueues,
  respondersReady,
  type ServicePart,
  type ServiceRuntime,
} from '@fieldgram/platform';
import { exampleMessages, type ExampleMessages } from './example-service/src/contracts.js';
import { silentLogger, startExample } from './support/example-harness.js';

const env = useTestEnv('responders-ready');
let connection: BusConnection;
let part: ServicePart;
let service: ServiceRuntime<ExampleMessages> | undefined;

beforeAll(async () => {
  connection = await BusConnection.open({
    url: env().amqpUrl,
    name: 'responders-test',
    logger: silentLogger,
  });
  part = respondersReady({
    connection: () => connection,
    queues: [queriesQueueOf('example')],
    logger: silentLogger,
    intervalMs: 50,
  });
  await part.start();
});
afterAll(async () => {
  await part?.stop();
  await service?.stop();
  await connection?.close();
});

describe('respondersReady', () => {
  it('lists the queries queue of every service that answers a query, except its own', () => {
    const queues = responderQueues(exampleMessages, 'identity');
    expect(queues).toContain('example.queries');
    expect(queues).toContain('task.queries');
    expect(queues).not.toContain('identity.queries');
  });

  it('is not ready while the queue does not exist, and becomes ready once its service consumes', async () => {
    // Several check rounds against a vhost where nothing declared example.queries yet.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(part.isReady?.()).toBe(false);
    service = await startExample(env());
    await waitFor(() => part.isReady?.() === true, {
      message: 'ready once example consumes',
      timeoutMs: 10_000,
    });
  });

  it('stays ready when the service stops later (an outage is the breaker’s business)', async () => {
    await service!.stop();
    service = undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(part.isReady?.()).toBe(true);
  });
});
