import { describe, expect, it } from 'vitest';
import { BusUnavailableError, DependencyUnavailableError } from './bus-errors.js';
import { NoResponderError, RemoteError, RequestTimeoutError, ServiceUnavailableError } from './rpc-errors.js';
import { askOrRetryLater, noAnswerOf } from './no-answer.js';

describe('no answer from the service asked', () => {
  it('reads timeouts, open breakers, missing queues, no bus and a responder’s own outage', () => {
    expect(noAnswerOf(new RequestTimeoutError('task.get', 'task', 500))).toEqual({
      target: 'task',
      retryAfterMs: 5_000,
    });
    expect(noAnswerOf(new ServiceUnavailableError('identity', 3_000))).toEqual({
      target: 'identity',
      retryAfterMs: 3_000,
    });
    expect(noAnswerOf(new NoResponderError('invoice.get', 'invoice'))).toEqual({
      target: 'invoice',
      retryAfterMs: 1_000,
    });
    expect(noAnswerOf(new RemoteError('unavailable', 'db down', 'audit'))).toMatchObject({ target: 'audit' });
    expect(noAnswerOf(new BusUnavailableError('no channel'))).toEqual({
      target: undefined,
      retryAfterMs: 5_000,
    });
  });

  it('leaves answered refusals and bugs alone', () => {
    expect(noAnswerOf(new RemoteError('not_found', 'no such task', 'task'))).toBeNull();
    expect(noAnswerOf(new TypeError('oops'))).toBeNull();
  });

  it('turns no answer into a dependency outage, and passes anything else on', async () => {
    const outage = await askOrRetryLater(() =>
      Promise.reject(new RequestTimeoutError('task.get', 'task', 500)),
    ).catch((error: unknown) => error);
    expect(outage).toBeInstanceOf(DependencyUnavailableError);
    expect((outage as Error).message).toBe(
      'task did not answer: no reply from task to task.get within 500 ms',
    );
    const refusal = new RemoteError('conflict', 'already accepted', 'task');
    await expect(askOrRetryLater(() => Promise.reject(refusal))).rejects.toBe(refusal);
    await expect(askOrRetryLater(() => Promise.resolve(42))).resolves.toBe(42);
  });
});
