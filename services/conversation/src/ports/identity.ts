import type { Envelope, Messages, ResultOf, TelegramProfile, User } from '@fieldgram/contracts';
import { PermanentError, RemoteError, askOrRetryLater, type RpcClient } from '@fieldgram/platform';

export type RegisterResult = ResultOf<Messages, 'identity.register-from-telegram'>;
type Cause = Pick<Envelope, 'id' | 'correlationId'>;

/** What conversation asks identity (request/reply); conversation keeps no people of its own. */
export interface IdentityPort {
  registerFromTelegram(
    profile: TelegramProfile,
    startPayload: string | undefined,
    causedBy: Cause,
  ): Promise<RegisterResult>;
  getUserByTelegram(telegramId: number, causedBy: Cause): Promise<User | null>;
  /** A person by id (a task's assignee); null if identity knows no such person. */
  getUser(userId: string, causedBy: Cause): Promise<User | null>;
}

/**
 * identity over the bus. identity being down, slow or unreachable is a dependency outage: the
 * update is retried later without using up its tries, instead of being parked. A refusal no
 * retry can change (identity finds the request invalid) parks the update at once.
 */
export function identityOverRpc(rpc: () => RpcClient<Messages>, timeoutMs: number): IdentityPort {
  return {
    registerFromTelegram: (profile, startPayload, causedBy) =>
      outage(() =>
        rpc().request(
          'identity.register-from-telegram',
          { profile, ...(startPayload !== undefined ? { startPayload } : {}) },
          { causedBy, timeoutMs },
        ),
      ),
    getUserByTelegram: async (telegramId, causedBy) =>
      (
        await outage(() =>
          rpc().request('identity.get-user-by-telegram', { telegramId }, { causedBy, timeoutMs }),
        )
      ).user,
    getUser: async (userId, causedBy) => {
      try {
        return await outage(() => rpc().request('identity.get-user', { userId }, { causedBy, timeoutMs }));
      } catch (error) {
        if (
          error instanceof PermanentError &&
          error.cause instanceof RemoteError &&
          error.cause.code === 'not_found'
        )
          return null;
        throw error;
      }
    },
  };
}

/** identity's answered refusals that asking again cannot change. */
const FINAL_REFUSALS = new Set(['validation', 'not_found', 'conflict', 'forbidden', 'unauthorized']);

/** An answered refusal no retry can change parks the update; no answer retries it later. */
async function outage<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await askOrRetryLater(request);
  } catch (error) {
    if (error instanceof RemoteError && FINAL_REFUSALS.has(error.code)) {
      throw new PermanentError(`identity refused: ${error.code}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
