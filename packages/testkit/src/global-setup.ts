import { checkContainerRuntime, startContainers, type ContainerService } from './containers.js';
import {
  ENDPOINT_ENV_VARS,
  probeEndpoints,
  resolveEndpoints,
  type Endpoints,
  type ServiceFailure,
} from './endpoints.js';
import { describeUnreachableServices } from './service-hints.js';

/** Set by the global setup to 'local' or 'containers': where this run's services come from. */
export const SERVICES_SOURCE_ENV_VAR = 'FIELDGRAM_TESTKIT_SERVICES';

/**
 * vitest globalSetup: makes sure PostgreSQL, RabbitMQ (with management) and Redis answer.
 * Uses the configured/local ones when they answer; otherwise starts the missing ones with
 * testcontainers if a Docker engine is reachable; otherwise fails with how to fix it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const endpoints = resolveEndpoints();
  const failures = await probeEndpoints(endpoints);
  if (failures.length === 0) {
    publishEndpoints(endpoints, 'local');
    return async () => {};
  }

  const runtime = await checkContainerRuntime();
  if (!runtime.available) throw new Error(describeUnreachableServices(failures, runtime.reason));

  const services = containersFor(failures);
  console.warn(
    `testkit: ${failures.map((f) => `${f.service} (${f.url})`).join(', ')} did not answer; ` +
      `starting ${[...services].join(', ')} with testcontainers`,
  );
  const containers = await startContainers(services);
  const merged: Endpoints = { ...endpoints, ...containers.endpoints };
  const stillDown = await probeEndpoints(merged, 10_000);
  if (stillDown.length > 0) {
    await containers.stop();
    throw new Error(
      'testkit: started containers, but these still do not answer: ' +
        stillDown.map((f) => `${f.service} at ${f.url}: ${f.error.message}`).join('; '),
    );
  }
  publishEndpoints(merged, 'containers');
  return () => containers.stop();
}

function containersFor(failures: ServiceFailure[]): Set<ContainerService> {
  const services = new Set<ContainerService>();
  for (const { service } of failures) {
    // AMQP and the management API must be the same broker: the API creates the vhosts tests use.
    services.add(service === 'rabbitmq-management' ? 'rabbitmq' : service);
  }
  return services;
}

/**
 * vitest creates the forks pool after globalSetup has run, so workers inherit this process's
 * env (checked for vitest 3.2; test/global-setup.test.ts guards it) and resolveEndpoints() in
 * a test file sees the same servers as here. Child processes that tests spawn inherit it too.
 */
function publishEndpoints(endpoints: Endpoints, source: 'local' | 'containers'): void {
  for (const [key, envVar] of Object.entries(ENDPOINT_ENV_VARS) as [keyof Endpoints, string][]) {
    process.env[envVar] = endpoints[key];
  }
  process.env[SERVICES_SOURCE_ENV_VAR] = source;
}
