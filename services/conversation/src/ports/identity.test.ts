import { describe, expect, it } from 'vitest';
import type { Messages } from '@fieldgram/contracts';
import {
  DependencyUnavailableError,
  PermanentError,
  RemoteError,
  RequestTimeoutError,
  ServiceUnavailableError,
  type RpcClient,
} from '@fieldgram/platform';
import { identityOverRpc } from './identity.js';

const cause = { id: '0194f1a2-7b3c-7def-8a9b-0123456789ab', correlationId: 'c1' };
const failingWith = (error: Error) =>
  identityOverRpc(() => ({ request: () => Promise.reject(error) }) as unknown as RpcClient<Messages>, 1_000);

describe('identity over request/reply', () => {
  it('passes the request through with its cause and deadline', async () => {
    const calls: unknown[][] = [];
    const identity = identityOverRpc(
      () =>
        ({
          request: (...args: unknown[]) => {
            calls.push(args);
            return Promise.resolve({ user: null });
          },
        }) as unknown as RpcClient<Messages>,
      1_234,
    );
    expect(await identity.getUserByTelegram(5, cause)).toBeNull();
    await identity.registerFromTelegram({ telegramId: 5, firstName: 'A' }, undefined, cause);
    expect(calls).toEqual([
      ['identity.get-user-by-telegram', { telegramId: 5 }, { causedBy: cause, timeoutMs: 1_234 }],
      [
        'identity.register-from-telegram',
        { profile: { telegramId: 5, firstName: 'A' } },
        { causedBy: cause, timeoutMs: 1_234 },
      ],
    ]);
  });

  it('turns identity being down or slow into an outage (retried without using up tries)', async () => {
    for (const error of [
      new RequestTimeoutError('identity.get-user-by-telegram', 'identity', 1_000),
      new ServiceUnavailableError('identity', 5_000),
    ]) {
      const failure = await failingWith(error)
        .getUserByTelegram(1, cause)
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DependencyUnavailableError);
      expect((failure as Error).cause).toBe(error);
    }
  });

  it('parks what identity refuses for good, and retries what it failed at', async () => {
    const refused = await failingWith(new RemoteError('validation', 'bad profile', 'identity'))
      .getUserByTelegram(1, cause)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentError);
    const internal = new RemoteError('internal', 'boom', 'identity');
    await expect(failingWith(internal).getUserByTelegram(1, cause)).rejects.toBe(internal);
  });
});
