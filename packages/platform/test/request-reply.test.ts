// Request/reply over direct reply-to, with a circuit breaker per target (issue 2, DESIGN §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import {
  BusConnection,
  createMetrics,
  MessageValidationError,
  NoResponderError,
  RemoteError,
  RequestTimeoutError,
  RpcClient,
  ServiceUnavailableError,
  type ServiceRuntime,
} from '@fieldgram/platform';
import { exampleMessages, type ExampleMessages } from './example-service/src/contracts.js';
import { exampleClient, silentLogger, startExample } from './support/example-harness.js';

const env = useTestEnv('request-reply');
let service: ServiceRuntime<ExampleMessages> | undefined;
let connection: BusConnection;
let rpc: RpcClient<ExampleMessages>;

beforeAll(async () => {
  service = await startExample(env());
  connection = await BusConnection.open({ url: env().amqpUrl, name: 'rpc-test', logger: silentLogger });
  rpc = await RpcClient.open({
    connection,
    registry: exampleMessages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 'rpc-test' }),
    defaultTimeoutMs: 400,
    breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 1_000 },
  });
  const client = await exampleClient(env());
  await client.greet('Ann');
  await client.close();
  await waitFor(() => rpc.request('example.get-greeting', { name: 'Ann' }).catch(() => false), {
    message: 'Ann greeted',
  });
});
afterAll(async () => {
  await rpc?.close();
  await connection?.close();
  await service?.stop();
});

describe('request/reply', () => {
  it('answers with the validated result', async () => {
    expect(await rpc.request('example.get-greeting', { name: 'Ann' })).toEqual({
      count: 1,
      lastText: 'Hello, Ann!',
    });
  });

  it('carries a domain error back as data, with its code', async () => {
    const error = await rpc.request('example.get-greeting', { name: 'Nobody' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'not_found',
      message: 'nobody called Nobody was greeted',
      target: 'example',
    });
    expect(rpc.breakerState('example')).toBe('closed'); // an answered error is not an outage
  });

  it('rejects an invalid request before sending it, naming the field', async () => {
    const error = await rpc.request('example.get-greeting', { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageValidationError);
    expect((error as Error).message).toMatch(/^invalid example.get-greeting data: name:/);
  });

  it('fails at once, without tripping the breaker, when no queue takes the request (issue 11)', async () => {
    // Nothing in this vhost declared identity's queue: the broker returns the mandatory request.
    // The deadline is far away, so only the returned message can end the wait with this error.
    const error = await rpc
      .request('identity.get-user', { userId: '0190f0b8-0000-7000-8000-000000000000' }, { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoResponderError);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toBe(
      'identity is unavailable: nothing consumes identity.get-user yet (is the service started?)',
    );
    for (let i = 0; i < 5; i++)
      await rpc
        .request('identity.get-user', { userId: '0190f0b8-0000-7000-8000-000000000000' })
        .catch(() => undefined);
    expect(rpc.breakerState('identity')).toBe('closed');
  });

  it('fails fast once the breaker of a stopped service is open, and recovers when it returns', async () => {
    await service!.stop();
    service = undefined;

    // Timeouts until enough of the rolling window failed; then the breaker answers at once.
    const timeouts: unknown[] = [];
    let fast: unknown;
    for (let i = 0; i < 12 && !fast; i++) {
      const error = await rpc.request('example.get-greeting', { name: 'Ann' }).catch((e: unknown) => e);
      if (error instanceof ServiceUnavailableError) fast = error;
      else timeouts.push(error);
    }
    expect(timeouts.length).toBeGreaterThanOrEqual(3);
    expect(timeouts.every((e) => e instanceof RequestTimeoutError)).toBe(true);
    expect((timeouts[0] as Error).message).toBe(
      'no reply from example to example.get-greeting within 400 ms',
    );
    expect(rpc.breakerState('example')).toBe('open');
    expect(fast).toBeInstanceOf(ServiceUnavailableError);
    expect((fast as Error).message).toContain('example is unavailable: its circuit breaker is open');

    service = await startExample(env());
    const answer = await waitFor(
      () => rpc.request('example.get-greeting', { name: 'Ann' }).catch(() => undefined),
      { message: 'a request succeeds after the service returned', timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(answer).toEqual({ count: 1, lastText: 'Hello, Ann!' });
    expect(rpc.breakerState('example')).toBe('closed');
  });
});
