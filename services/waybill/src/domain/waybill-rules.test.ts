import { describe, expect, it } from 'vitest';
import type { WaybillInput } from '@fieldgram/contracts';
import { DEFAULT_PAYMENT_METHODS } from './payment-methods.js';
import { waybillInputProblem } from './waybill-rules.js';

const GOOD: WaybillInput = {
  cargo: 'Стройматериалы, 3 паллеты',
  weightKg: 12.5,
  lengthCm: 120,
  widthCm: 80,
  heightCm: 60.5,
  pickupAddress: 'Москва, ул. Ленина, 1',
  deliveryAddress: 'Казань, ул. Баумана, 10',
  paymentMethod: 'card',
};
const check = (patch: Partial<WaybillInput>) =>
  waybillInputProblem({ ...GOOD, ...patch }, DEFAULT_PAYMENT_METHODS);

describe('S1-02 a waybill’s input, checked again by the service', () => {
  it('accepts the ranges of the contract, float noise included', () => {
    expect(check({})).toBeNull();
    expect(check({ weightKg: 0.001, lengthCm: 0.1, widthCm: 10_000, heightCm: 0.1 + 0.2 })).toBeNull();
    expect(check({ weightKg: 100_000, cargo: 'x'.repeat(500) })).toBeNull();
  });

  it('names the field and says what is expected', () => {
    expect(check({ cargo: '   ' })).toEqual({ field: 'cargo', message: 'cargo: the description is empty' });
    expect(check({ weightKg: -3 })).toMatchObject({ field: 'weightKg' });
    expect(check({ weightKg: -3 })?.message).toBe(
      'weightKg: the weight must be more than 0 and at most 100000 kg, with up to 3 decimals (e.g. 12.5); got -3',
    );
    expect(check({ weightKg: 1.0005 })).toMatchObject({ field: 'weightKg' });
    expect(check({ weightKg: 100_000.5 })).toMatchObject({ field: 'weightKg' });
    expect(check({ weightKg: Number.NaN })).toMatchObject({ field: 'weightKg' });
    expect(check({ widthCm: 0 })?.message).toMatch(/^widthCm: the width must be more than 0/);
    expect(check({ heightCm: 1.15 })).toMatchObject({ field: 'heightCm' });
    expect(check({ lengthCm: 10_000.1 })).toMatchObject({ field: 'lengthCm' });
    expect(check({ pickupAddress: 'ул.' })).toEqual({
      field: 'pickupAddress',
      message: 'pickupAddress: the pickup address is too short (at least 5 characters)',
    });
    expect(check({ deliveryAddress: 'x'.repeat(501) })?.message).toBe(
      'deliveryAddress: the delivery address is too long (at most 500 characters)',
    );
  });

  it('refuses a payment method the organization does not offer, listing the ones it does', () => {
    expect(check({ paymentMethod: 'crypto' })).toEqual({
      field: 'paymentMethod',
      message:
        'paymentMethod: "crypto" is not a payment method of this organization (sender_cash, receiver_cash, card, bank_transfer)',
    });
  });
});
