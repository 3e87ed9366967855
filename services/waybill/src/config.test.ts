import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@fieldgram/platform';
import { waybillEnvSchema } from './config.js';
import { DEFAULT_PAYMENT_METHODS } from './domain/payment-methods.js';

describe('waybill config', () => {
  it('has defaults for a local run: the four default payment methods (S1-02)', () => {
    const env = waybillEnvSchema.parse({});
    expect(env).toMatchObject({
      OBJECT_STORAGE_DIR: '.fieldgram/objects',
      ORG_NAME: 'fieldgram',
      ORG_LANGUAGE: 'ru',
    });
    expect(env.DOCUMENT_LANGUAGE).toBeUndefined();
    expect(env.WAYBILL_PAYMENT_METHODS).toEqual(DEFAULT_PAYMENT_METHODS);
  });

  it('reads the payment methods, the details and the languages', () => {
    const env = loadConfig(waybillEnvSchema, {
      WAYBILL_PAYMENT_METHODS: 'card,courier=Courier/Курьер',
      ORG_DETAILS: 'ИНН 7701234567\\nМосква',
      DOCUMENT_LANGUAGE: 'EN',
      // Empty counts as unset: the defaults apply.
      ORG_LANGUAGE: '',
    });
    expect(env.WAYBILL_PAYMENT_METHODS.map((method) => method.code)).toEqual(['card', 'courier']);
    expect(env.ORG_DETAILS).toBe('ИНН 7701234567\nМосква');
    expect(env.DOCUMENT_LANGUAGE).toBe('en');
    expect(env.ORG_LANGUAGE).toBe('ru');
  });

  it('refuses a malformed list at start, naming the variable and the problem', () => {
    let error: unknown;
    try {
      loadConfig(waybillEnvSchema, { WAYBILL_PAYMENT_METHODS: 'card,courier' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        variable: 'WAYBILL_PAYMENT_METHODS',
        problem:
          '"courier" is not a default payment method: give its labels, e.g. courier=Courier/Курьер, got "card,courier"',
      },
    ]);
  });
});
