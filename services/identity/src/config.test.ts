import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@fieldgram/platform';
import { identityEnvSchema } from './config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(identityEnvSchema, env);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.issues.map((issue) => `${issue.variable}: ${issue.problem}`);
    throw error;
  }
  return [];
}

describe('identity configuration', () => {
  it('needs nothing for a local trial', () => {
    expect(loadConfig(identityEnvSchema, {})).toMatchObject({
      NODE_ENV: 'development',
      TELEGRAM_BOT_USERNAME: 'fieldgram_bot',
      TELEGRAM_LINK_TTL_HOURS: 24,
    });
    expect(loadConfig(identityEnvSchema, {}).ADMIN_LOGIN).toBeUndefined();
  });

  it('takes the first admin as a pair, with a real password', () => {
    expect(problems({ ADMIN_LOGIN: 'boss' })).toEqual(['ADMIN_PASSWORD: required with ADMIN_LOGIN']);
    expect(problems({ ADMIN_PASSWORD: 'long enough' })).toEqual([
      'ADMIN_LOGIN: required with ADMIN_PASSWORD',
    ]);
    expect(problems({ ADMIN_LOGIN: 'boss', ADMIN_PASSWORD: 'short' })).toEqual([
      'ADMIN_PASSWORD: expected at least 8 characters, got (value hidden)',
    ]);
    expect(problems({ ADMIN_LOGIN: 'boss', ADMIN_PASSWORD: 'long enough' })).toEqual([]);
  });

  it('takes the bot username with or without @', () => {
    expect(loadConfig(identityEnvSchema, { TELEGRAM_BOT_USERNAME: '@shop_bot' }).TELEGRAM_BOT_USERNAME).toBe(
      'shop_bot',
    );
    expect(problems({ TELEGRAM_BOT_USERNAME: 'no spaces please' })[0]).toMatch(/^TELEGRAM_BOT_USERNAME/);
  });

  it('takes an optional default manager for joining clients (S1-01), by login or id', () => {
    expect(loadConfig(identityEnvSchema, {}).CLIENT_DEFAULT_MANAGER).toBeUndefined();
    expect(loadConfig(identityEnvSchema, { CLIENT_DEFAULT_MANAGER: ' maria ' }).CLIENT_DEFAULT_MANAGER).toBe(
      'maria',
    );
  });
});
