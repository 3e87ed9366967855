import type { DataInput, Messages, RequestType, ResultOf } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';
import type { Caller } from './context.js';

export interface RpcOptions {
  /** Travels as the envelope's actor; none = the system (e.g. checking a login). */
  caller?: Caller | null;
  timeoutMs?: number;
}

/** Request/reply to the service owning a query (DESIGN §2), with the caller as the actor. */
export interface Rpc {
  request<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RpcOptions,
  ): Promise<ResultOf<Messages, T>>;
}

export function rpcOver(client: () => RpcClient<Messages>): Rpc {
  return {
    request: (type, data, options = {}) =>
      client().request(type, data, {
        ...(options.caller
          ? { actor: { kind: 'user', userId: options.caller.userId, role: options.caller.role } }
          : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      }),
  };
}
