import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@fieldgram/platform';
import { notificationEnvSchema } from './config.js';

describe('notification config', () => {
  it("reads the organization's default language as every service does (ORG_LANGUAGE, ru by default)", () => {
    expect(loadConfig(notificationEnvSchema, {}).ORG_LANGUAGE).toBe('ru');
    expect(loadConfig(notificationEnvSchema, { ORG_LANGUAGE: ' EN ' }).ORG_LANGUAGE).toBe('en');
    expect(() => loadConfig(notificationEnvSchema, { ORG_LANGUAGE: 'de' })).toThrow(ConfigError);
  });

  it('refuses the old name, saying what to set instead', () => {
    expect(() => loadConfig(notificationEnvSchema, { NOTIFICATION_DEFAULT_LANGUAGE: 'en' })).toThrow(
      /NOTIFICATION_DEFAULT_LANGUAGE.*renamed: set ORG_LANGUAGE instead/s,
    );
  });
});
