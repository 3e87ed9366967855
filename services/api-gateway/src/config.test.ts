import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@fieldgram/platform';
import { apiGatewayEnvSchema } from './config.js';

describe('api-gateway config', () => {
  it('has development defaults: API on 8080, no JWT secret needed', () => {
    const env = loadConfig(apiGatewayEnvSchema, {});
    expect(env).toMatchObject({
      API_PORT: 8080,
      NODE_ENV: 'development',
      RPC_TIMEOUT_MS: 5000,
      LOGIN_MAX_FAILURES: 5,
    });
    expect(env.JWT_SECRET).toBeUndefined();
  });

  it('refuses production without a JWT secret, and a short secret anywhere', () => {
    expect(() => loadConfig(apiGatewayEnvSchema, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(apiGatewayEnvSchema, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig(apiGatewayEnvSchema, { JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const env = loadConfig(apiGatewayEnvSchema, {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      PUBLIC_BASE_URL: 'https://ops.example.com/',
    });
    expect(env.PUBLIC_BASE_URL).toBe('https://ops.example.com');
  });
});
