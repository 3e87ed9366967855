import type { Messages } from '@fieldgram/contracts';
import type { Logger, ServiceRuntime } from '@fieldgram/platform';
import type { TestEnv } from '../isolation.js';
import { Caller, type CallerOptions } from './caller.js';
import { EventTap } from './event-tap.js';
import type { Closable } from './fake-responder.js';
import { outboxCount, schemaDb, type SchemaDb } from './schema-db.js';
import { serviceEnvValues } from './service-env.js';
import { testLogger } from './test-logger.js';

/** What a service's `create…Service` returns: at least its runtime. */
export interface ServiceUnderTest {
  runtime: ServiceRuntime<Messages>;
}

/** How to start each stand-in: `{ identity: FakeIdentity.start }`. */
export type PeerFactories<P> = { [K in keyof P]: (env: TestEnv) => Promise<P[K]> };

export interface ServiceTestRunnerOptions<S extends ServiceUnderTest, P> {
  /** The service's name: its schema, for `db` and `outboxCount`. */
  name: string;
  env: TestEnv;
  /** Builds the service from the TestEnv's platform variables (`serviceEnvValues`) and a quiet logger. */
  create(values: Record<string, string>, options: { logger: Logger }): Promise<S>;
  /** Routing keys to tap on fg.events (`task.#`), from before the service starts. */
  events?: readonly string[];
  /** Stand-ins for the services it asks, started before it and stopped after it. */
  peers?: PeerFactories<P>;
  caller?: CallerOptions;
}

/** A service running in-process on its TestEnv, with everything a test talks to it through. */
export interface ServiceTestRun<S extends ServiceUnderTest, P> {
  service: S;
  runtime: S['runtime'];
  /** Asks like api-gateway and conversation do; `ask` and `refusal` are its methods. */
  caller: Caller;
  ask: Caller['ask'];
  refusal: Caller['refusal'];
  /** The events it publishes on the patterns asked for. */
  tap: EventTap;
  /** Its schema, read and written directly. */
  db: SchemaDb;
  /** Its committed outbox rows of a type (see `outboxCount`). */
  outboxCount(type: string, where?: { field: string; value: string | number }): Promise<number>;
  peers: P;
  /** Stops everything in reverse order of starting. */
  stop(): Promise<void>;
}

/**
 * Starts one service for its integration tests (Medusa's module test runner is the model): tap
 * first, so no event is missed; then the stand-ins it asks; the service itself; a caller and a
 * connection to its schema. A failed start stops what had started.
 */
export async function serviceTestRunner<S extends ServiceUnderTest, P = Record<never, Closable>>(
  options: ServiceTestRunnerOptions<S, P>,
): Promise<ServiceTestRun<S, P>> {
  const { env, name } = options;
  const closers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (let close = closers.pop(); close; close = closers.pop()) await close();
  };
  try {
    const tap = await EventTap.open(env, options.events ?? []);
    closers.push(() => tap.close());
    const peers = await startPeers(env, options.peers, closers);
    const service = await options.create(serviceEnvValues(env), { logger: testLogger(name) });
    await service.runtime.start();
    closers.push(() => service.runtime.stop());
    const caller = await Caller.open(env, options.caller);
    closers.push(() => caller.close());
    const db = schemaDb(env, name);
    closers.push(() => db.destroy());
    return {
      service,
      runtime: service.runtime,
      caller,
      ask: caller.ask.bind(caller),
      refusal: caller.refusal.bind(caller),
      tap,
      db,
      outboxCount: (type, where) => outboxCount(db, type, where),
      peers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startPeers<P>(
  env: TestEnv,
  factories: PeerFactories<P> | undefined,
  closers: (() => Promise<void>)[],
): Promise<P> {
  const peers: Partial<Record<keyof P, unknown>> = {};
  for (const key of Object.keys(factories ?? {}) as (keyof P)[]) {
    const peer = (await factories![key](env)) as P[keyof P] & Partial<Closable>;
    if (typeof peer.close === 'function') closers.push(() => peer.close!());
    peers[key] = peer;
  }
  return peers as P;
}
