import { describe, expect, it } from 'vitest';
import { describeUnreachableServices } from '../src/service-hints.js';

describe('describeUnreachableServices', () => {
  const refused = (port: number): Error => new Error(`connect ECONNREFUSED 127.0.0.1:${port}`);

  it('names each service that is down, its address, the error and the command that starts it', () => {
    const message = describeUnreachableServices(
      [
        { service: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/postgres', error: refused(5432) },
        { service: 'rabbitmq', url: 'amqp://guest:***@127.0.0.1:5672', error: refused(5672) },
        { service: 'rabbitmq-management', url: 'http://guest:***@127.0.0.1:15672/', error: refused(15672) },
        { service: 'redis', url: 'redis://127.0.0.1:6380', error: refused(6380) },
      ],
      'Could not find a working container runtime strategy',
    );

    expect(message).toContain('no Docker engine: Could not find a working container runtime strategy');
    expect(message).toContain(
      'PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres: connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(message).toContain('start it: pg_ctlcluster');
    expect(message).toContain('start it: rabbitmq-server -detached, or set AMQP_URL');
    expect(message).toContain('rabbitmq-plugins enable rabbitmq_management');
    expect(message).toContain('redis-server --daemonize yes --bind 127.0.0.1 --port 6380');
    expect(message).toContain('docker compose up -d postgres rabbitmq redis');
    expect(message).toContain('set DATABASE_URL, AMQP_URL, RABBITMQ_MANAGEMENT_URL, REDIS_URL');
  });

  it('does not suggest starting a local server for a remote address', () => {
    const message = describeUnreachableServices(
      [{ service: 'redis', url: 'redis://cache.internal:6379', error: new Error('getaddrinfo ENOTFOUND') }],
      'no socket',
    );
    expect(message).toContain(
      'check that cache.internal:6379 is up and reachable from here, or set REDIS_URL',
    );
    expect(message).not.toContain('redis-server');
  });
});
