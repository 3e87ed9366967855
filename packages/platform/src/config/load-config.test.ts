import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { LOCAL_DEFAULTS, databaseUrl, httpPort, platformEnvSchema } from './common-env.js';
import { loadConfig } from './load-config.js';

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('falls back to the local services for an empty environment', () => {
    expect(loadConfig(platformEnvSchema, {})).toEqual({
      ...LOCAL_DEFAULTS,
      REDIS_PREFIX: 'fg:',
      DATABASE_POOL_MAX: 5,
      HTTP_PORT: 0,
      LOG_LEVEL: 'info',
    });
  });

  it('parses and coerces the values given', () => {
    const config = loadConfig(platformEnvSchema, {
      DATABASE_URL: 'postgresql://app:pw@db.internal:5433/fieldgram',
      AMQP_URL: 'amqps://rabbit.internal',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      REDIS_PREFIX: 'prod:',
      DATABASE_POOL_MAX: '20',
      HTTP_PORT: ' 8080 ',
      LOG_LEVEL: 'DEBUG',
      UNRELATED: 'ignored',
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgresql://app:pw@db.internal:5433/fieldgram',
      AMQP_URL: 'amqps://rabbit.internal',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      REDIS_PREFIX: 'prod:',
      DATABASE_POOL_MAX: 20,
      HTTP_PORT: 8080,
      LOG_LEVEL: 'debug',
    });
  });

  it('names every bad variable in one message', () => {
    const schema = z.object({ DATABASE_URL: databaseUrl, HTTP_PORT: httpPort });
    const error = configErrorOf(() => loadConfig(schema, { HTTP_PORT: 'abc' }));
    expect(error.message).toBe(
      'Invalid configuration:\n  - DATABASE_URL: required\n  - HTTP_PORT: expected an integer 0-65535, got "abc"',
    );
    expect(error.issues).toEqual([
      { variable: 'DATABASE_URL', problem: 'required' },
      { variable: 'HTTP_PORT', problem: 'expected an integer 0-65535, got "abc"' },
    ]);
  });

  it('rejects a malformed value even where a default exists', () => {
    const error = configErrorOf(() =>
      loadConfig(platformEnvSchema, {
        DATABASE_URL: 'mysql://localhost/x',
        AMQP_URL: 'localhost:5672',
        REDIS_URL: 'redis:6379',
        DATABASE_POOL_MAX: '0',
        LOG_LEVEL: 'verbose',
      }),
    );
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'DATABASE_URL',
      'AMQP_URL',
      'REDIS_URL',
      'DATABASE_POOL_MAX',
      'LOG_LEVEL',
    ]);
    expect(error.message).toContain(
      'DATABASE_URL: expected a URL starting with postgres:// or postgresql://, got "mysql://localhost/x"',
    );
    expect(error.message).toContain(
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it.each(['0', '65535'])('accepts port %s', (port) => {
    expect(loadConfig(platformEnvSchema, { HTTP_PORT: port }).HTTP_PORT).toBe(Number(port));
  });

  it.each(['65536', '-1', '80.5', '1e3'])('rejects port %s', (port) => {
    expect(configErrorOf(() => loadConfig(platformEnvSchema, { HTTP_PORT: port })).issues[0]?.variable).toBe(
      'HTTP_PORT',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(platformEnvSchema, { HTTP_PORT: '', DATABASE_URL: '' })).toMatchObject({
      HTTP_PORT: 0,
      DATABASE_URL: LOCAL_DEFAULTS.DATABASE_URL,
    });
  });

  it('never echoes secrets or URL credentials', () => {
    const schema = z.object({
      BOT_TOKEN: z.string().min(40, { error: 'too short' }),
      DATABASE_URL: databaseUrl,
    });
    const error = configErrorOf(() =>
      loadConfig(schema, { BOT_TOKEN: 'hunter2-token', DATABASE_URL: 'postgres//app:hunter2@db:5432/x' }),
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('BOT_TOKEN: too short, got (value hidden)');
    expect(error.message).toContain(
      'DATABASE_URL: expected a URL starting with postgres:// or postgresql://, got "***@db:5432/x"',
    );
  });
});
