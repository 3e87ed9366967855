import { ENDPOINT_ENV_VARS, type ServiceFailure, type ServiceName } from './endpoints.js';

const SERVICE_LABELS: Record<ServiceName, string> = {
  postgres: 'PostgreSQL',
  rabbitmq: 'RabbitMQ',
  'rabbitmq-management': 'RabbitMQ management API',
  redis: 'Redis',
};

const SERVICE_ENV_VARS: Record<ServiceName, string> = {
  postgres: ENDPOINT_ENV_VARS.databaseUrl,
  rabbitmq: ENDPOINT_ENV_VARS.amqpUrl,
  'rabbitmq-management': ENDPOINT_ENV_VARS.amqpManagementUrl,
  redis: ENDPOINT_ENV_VARS.redisUrl,
};

/**
 * The error text for "services are down and Docker cannot start them": which service, at which
 * address, why, and the command that fixes it on this kind of machine.
 */
export function describeUnreachableServices(failures: ServiceFailure[], dockerProblem: string): string {
  const lines = [
    `testkit: ${failures.length} test service(s) did not answer, and testcontainers cannot start them ` +
      `(no Docker engine: ${dockerProblem}).`,
  ];
  for (const failure of failures) {
    lines.push(`  - ${SERVICE_LABELS[failure.service]} at ${failure.url}: ${failure.error.message}`);
    lines.push(`      fix: ${fixFor(failure)}`);
  }
  lines.push(
    '  Or start every local service at once: bash scripts/ensure-infra.sh',
    '  Or, with Docker: run docker compose up -d postgres rabbitmq redis',
    `  Or point the tests at running servers: set ${Object.values(ENDPOINT_ENV_VARS).join(', ')}.`,
  );
  return lines.join('\n');
}

function fixFor({ service, url }: ServiceFailure): string {
  const setVar = `or set ${SERVICE_ENV_VARS[service]} to a server that answers`;
  const target = hostAndPort(url);
  if (target !== undefined && !isLocalHost(target.host)) {
    return `check that ${target.host}:${target.port} is up and reachable from here, ${setVar}`;
  }
  switch (service) {
    case 'postgres':
      return (
        'start it: pg_ctlcluster --skip-systemctl-redirect <version> main start ' +
        `(pg_lsclusters lists the clusters and their versions), ${setVar}`
      );
    case 'rabbitmq':
      return `start it: rabbitmq-server -detached, ${setVar}`;
    case 'rabbitmq-management':
      return (
        'enable the plugin: rabbitmq-plugins enable rabbitmq_management ' +
        `(start RabbitMQ first if it is down: rabbitmq-server -detached), ${setVar}`
      );
    case 'redis':
      return (
        `start it: redis-server --daemonize yes --bind 127.0.0.1 --port ${target?.port ?? '6379'} ` +
        `--save "" --appendonly no, ${setVar}`
      );
  }
}

function hostAndPort(url: string): { host: string; port: string } | undefined {
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: parsed.port };
  } catch {
    return undefined;
  }
}

function isLocalHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}
