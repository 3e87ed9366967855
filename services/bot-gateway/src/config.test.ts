import { describe, expect, it } from 'vitest';
import { ConfigError, SecretBox, loadConfig } from '@fieldgram/platform';
import { gatewayEnvSchema } from './config.js';

describe('bot-gateway config', () => {
  it('runs a local trial without SECRETS_KEY', () => {
    expect(loadConfig(gatewayEnvSchema, {}).SECRETS_KEY).toBeUndefined();
  });

  it('refuses production without SECRETS_KEY, naming it (issue 11)', () => {
    const failure = (() => {
      try {
        return loadConfig(gatewayEnvSchema, { NODE_ENV: 'production' });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toContain('SECRETS_KEY: required when NODE_ENV=production');
  });

  it('refuses a key that is not 32 bytes of base64, anywhere', () => {
    expect(() => loadConfig(gatewayEnvSchema, { SECRETS_KEY: 'not-a-key' })).toThrow(/32 random bytes/);
    expect(() => loadConfig(gatewayEnvSchema, { SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /SECRETS_KEY/,
    );
    const key = SecretBox.generateKey();
    expect(loadConfig(gatewayEnvSchema, { NODE_ENV: 'production', SECRETS_KEY: key }).SECRETS_KEY).toBe(key);
  });
});
