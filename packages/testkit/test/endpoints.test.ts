import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINTS, freePort, probeEndpoints, resolveEndpoints } from '../src/index.js';
import { SERVICES_SOURCE_ENV_VAR } from '../src/global-setup.js';

describe('resolveEndpoints', () => {
  it('defaults to the local services', () => {
    expect(resolveEndpoints({})).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      amqpManagementUrl: 'http://guest:guest@127.0.0.1:15672',
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('takes each endpoint from its environment variable', () => {
    expect(
      resolveEndpoints({
        DATABASE_URL: 'postgres://u@db:5432/x',
        AMQP_URL: 'amqp://mq',
        RABBITMQ_MANAGEMENT_URL: 'http://u:p@mq:15672',
        REDIS_URL: 'redis://cache:6380',
      }),
    ).toEqual({
      databaseUrl: 'postgres://u@db:5432/x',
      amqpUrl: 'amqp://mq',
      amqpManagementUrl: 'http://u:p@mq:15672',
      redisUrl: 'redis://cache:6380',
    });
  });

  it('sees the endpoints that the global setup published (env reaches the forked workers)', () => {
    expect(process.env[SERVICES_SOURCE_ENV_VAR]).toMatch(/^(local|containers)$/);
    expect(process.env.DATABASE_URL).toBeTruthy();
    expect(process.env.RABBITMQ_MANAGEMENT_URL).toBeTruthy();
  });
});

describe('probeEndpoints', () => {
  it('finds every service up', async () => {
    expect(await probeEndpoints(resolveEndpoints())).toEqual([]);
  });

  it('reports each service that does not answer, with its masked URL and the error', async () => {
    const port = await freePort(); // nothing listens there
    const started = Date.now();
    const failures = await probeEndpoints(
      {
        databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
        amqpUrl: `amqp://guest:secret@127.0.0.1:${port}`,
        amqpManagementUrl: DEFAULT_ENDPOINTS.amqpManagementUrl.replace('15672', String(port)),
        redisUrl: `redis://127.0.0.1:${port}`,
      },
      1_000,
    );

    expect(Date.now() - started).toBeLessThan(3_000);
    expect(failures.map((failure) => [failure.service, failure.url])).toEqual([
      ['postgres', `postgres://postgres@127.0.0.1:${port}/postgres`],
      ['rabbitmq', `amqp://guest:***@127.0.0.1:${port}`],
      ['rabbitmq-management', `http://guest:***@127.0.0.1:${port}/`],
      ['redis', `redis://127.0.0.1:${port}`],
    ]);
    for (const failure of failures) expect(failure.error.message).toMatch(/ECONNREFUSED|refused/i);
  });
});
