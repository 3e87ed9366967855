import type { StartedTestContainer } from 'testcontainers';
import type { Endpoints } from './endpoints.js';

/** What testcontainers can start; the management API comes with the rabbitmq container. */
export type ContainerService = 'postgres' | 'rabbitmq' | 'redis';

export interface StartedContainers {
  /** Endpoints of the started containers only; the caller keeps its own for the rest. */
  endpoints: Partial<Endpoints>;
  stop(): Promise<void>;
}

/** Whether a Docker (or Podman, ...) engine answers. testcontainers is loaded only when needed. */
export async function checkContainerRuntime(): Promise<
  { available: true } | { available: false; reason: string }
> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

const STARTUP_TIMEOUT_MS = 120_000;

/** Starts the given services in parallel; if any fails to start, stops the others and throws. */
export async function startContainers(services: ReadonlySet<ContainerService>): Promise<StartedContainers> {
  const starters: Record<ContainerService, () => Promise<StartedService>> = {
    postgres: startPostgres,
    rabbitmq: startRabbitMq,
    redis: startRedis,
  };
  const results = await Promise.allSettled([...services].map((service) => starters[service]()));
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map(({ container }) => container.stop()));
  };
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await stop();
    throw new Error('testkit: testcontainers could not start the test services', { cause: failure.reason });
  }
  return {
    endpoints: Object.assign({}, ...started.map(({ endpoints }) => endpoints)) as Partial<Endpoints>,
    stop,
  };
}

interface StartedService {
  container: StartedTestContainer;
  endpoints: Partial<Endpoints>;
}

async function startPostgres(): Promise<StartedService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:16-alpine')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    // The image's init runs a temporary server first; the second "ready" line is the real one.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  const address = `${container.getHost()}:${container.getMappedPort(5432)}`;
  return { container, endpoints: { databaseUrl: `postgres://postgres@${address}/postgres` } };
}

async function startRabbitMq(): Promise<StartedService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('rabbitmq:3.13-management-alpine')
    .withExposedPorts(5672, 15672)
    // Logged after all plugins (management included) have started.
    .withWaitStrategy(Wait.forLogMessage('Server startup complete'))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  const host = container.getHost();
  return {
    container,
    endpoints: {
      amqpUrl: `amqp://guest:guest@${host}:${container.getMappedPort(5672)}`,
      amqpManagementUrl: `http://guest:guest@${host}:${container.getMappedPort(15672)}`,
    },
  };
}

async function startRedis(): Promise<StartedService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7-alpine')
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  return {
    container,
    endpoints: { redisUrl: `redis://${container.getHost()}:${container.getMappedPort(6379)}` },
  };
}
