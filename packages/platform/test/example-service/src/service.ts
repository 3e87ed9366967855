import { ServiceRuntime, type PlatformEnv, type ServiceRuntimeOptions } from '@fieldgram/platform';
import { exampleMessages, type ExampleMessages } from './contracts.js';
import { greetHandler } from './handlers/greet.js';
import { logGreetedHandler } from './handlers/log-greeted.js';
import { getGreetingHandler } from './handlers/get-greeting.js';
import type { Faults } from './faults.js';
import { MIGRATIONS } from '../migrations/index.js';

export interface ExampleServiceOptions {
  env: PlatformEnv;
  faults?: Faults;
  retryDelaysMs?: readonly number[];
  overrides?: Partial<ServiceRuntimeOptions<ExampleMessages>>;
}

/** Wiring only: which handler serves which message. */
export function createExampleService(
  options: ExampleServiceOptions,
): Promise<ServiceRuntime<ExampleMessages>> {
  const faults = options.faults ?? { handlerDelayMs: 0, crashAfterCommit: false };
  const runtime = new ServiceRuntime({
    name: 'example',
    registry: exampleMessages,
    env: options.env,
    migrations: MIGRATIONS,
    ...options.overrides,
  });
  const retry = options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {};
  runtime
    .consume({
      queue: 'example.commands',
      handlers: { 'example.greet': greetHandler(runtime, faults) },
      ...retry,
    })
    .consume({
      queue: 'example.greeted-log',
      handlers: { 'example.greeted': logGreetedHandler(runtime) },
      ...retry,
    })
    .respond({ queue: 'example.queries', handlers: { 'example.get-greeting': getGreetingHandler(runtime) } });
  return Promise.resolve(runtime);
}
