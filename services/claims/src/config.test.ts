import { describe, expect, it } from 'vitest';
import { claimsEnvSchema } from './config.js';

describe('claims config', () => {
  it('claims in roubles unless told otherwise (S1-03)', () => {
    expect(claimsEnvSchema.parse({}).CLAIMS_CURRENCY).toBe('RUB');
    expect(claimsEnvSchema.parse({ CLAIMS_CURRENCY: ' kzt ' }).CLAIMS_CURRENCY).toBe('KZT');
  });

  it('refuses a currency amounts cannot be kept in', () => {
    expect(() => claimsEnvSchema.parse({ CLAIMS_CURRENCY: 'XYZ' })).toThrow();
  });
});
