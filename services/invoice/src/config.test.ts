import { describe, expect, it } from 'vitest';
import { invoiceEnvSchema } from './config.js';

describe('invoice config', () => {
  it('has defaults for a local run', () => {
    const env = invoiceEnvSchema.parse({});
    expect(env).toMatchObject({
      OBJECT_STORAGE_DIR: '.fieldgram/objects',
      ORG_NAME: 'fieldgram',
      ORG_LANGUAGE: 'ru',
    });
    expect(env.ORG_DETAILS).toBeUndefined();
    expect(env.INVOICE_OVERDUE_DELAY_MS).toBeUndefined();
    // Each document in its reader's language unless the organization forces one.
    expect(env.DOCUMENT_LANGUAGE).toBeUndefined();
  });

  it('breaks the details at literal \\n and reads the overrides', () => {
    const env = invoiceEnvSchema.parse({
      ORG_DETAILS: 'INN 7701234567\\nMoscow',
      ORG_LANGUAGE: 'en',
      DOCUMENT_LANGUAGE: 'RU',
      INVOICE_OVERDUE_DELAY_MS: '500',
    });
    expect(env.DOCUMENT_LANGUAGE).toBe('ru');
    expect(env.ORG_DETAILS).toBe('INN 7701234567\nMoscow');
    expect(env.ORG_LANGUAGE).toBe('en');
    expect(env.INVOICE_OVERDUE_DELAY_MS).toBe(500);
  });

  it('refuses an unknown language', () => {
    expect(() => invoiceEnvSchema.parse({ ORG_LANGUAGE: 'de' })).toThrow();
    expect(() => invoiceEnvSchema.parse({ DOCUMENT_LANGUAGE: 'de' })).toThrow();
  });
});
