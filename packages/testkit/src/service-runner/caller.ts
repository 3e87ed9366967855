import {
  messages,
  type Actor,
  type DataInput,
  type Messages,
  type RequestType,
  type ResultOf,
  type Role,
} from '@fieldgram/contracts';
import { createMetrics, RemoteError, RpcClient, type RequestOptions } from '@fieldgram/platform';
import type { TestEnv } from '../isolation.js';
import { testLogger } from './test-logger.js';

export interface CallerOptions {
  /** Sent with every request that brings no options of its own (e.g. an admin actor). */
  defaults?: RequestOptions;
  timeoutMs?: number;
}

/** Request options acting as a person in a role (admin unless said). */
export function asUser(userId: string, role: Role = 'admin'): { actor: Actor } {
  return { actor: { kind: 'user', userId, role } };
}

/** Another service asking over request/reply, as api-gateway and conversation do. */
export class Caller {
  private constructor(
    readonly rpc: RpcClient<Messages>,
    private readonly defaults: RequestOptions | undefined,
  ) {}

  static async open(env: TestEnv, options: CallerOptions = {}): Promise<Caller> {
    const rpc = await RpcClient.connect({
      url: env.amqpUrl,
      name: 'caller',
      registry: messages,
      source: 'test',
      logger: testLogger('test-caller'),
      metrics: createMetrics({ service: 'test-caller' }),
      defaultTimeoutMs: options.timeoutMs ?? 20_000,
      // Many concurrent requests in tests: never let a slow burst open the breaker.
      breaker: { volumeThreshold: 1_000_000 },
    });
    return new Caller(rpc, options.defaults);
  }

  ask<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options: RequestOptions | undefined = this.defaults,
  ): Promise<ResultOf<Messages, T>> {
    return this.rpc.request(type, data, options);
  }

  /** The refusal the service answers a request with (fails the test if it succeeds or fails otherwise). */
  async refusal<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RequestOptions,
  ): Promise<RemoteError> {
    const error = await this.failure(type, data, options);
    if (!(error instanceof RemoteError)) throw error;
    return error;
  }

  /**
   * The error a request fails with, whether the service refused it or its data was refused before
   * it left (a MessageValidationError); fails the test if it succeeds.
   */
  async failure<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options?: RequestOptions,
  ): Promise<Error & { code?: string }> {
    const outcome = await this.ask(type, data, options).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`${type} succeeded: ${JSON.stringify(outcome.result)}`);
    if (!(outcome.error instanceof Error)) throw new Error(`${type} failed with ${String(outcome.error)}`);
    return outcome.error;
  }

  async close(): Promise<void> {
    await this.rpc.close();
  }
}
