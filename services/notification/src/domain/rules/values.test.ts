// Amounts and weights in a notification read as the recipient reads them (S1-03: the claimed amount).
import { NBSP } from '@fieldgram/bot-ui';
import { describe, expect, it } from 'vitest';
import { withLocalizedValues } from './values.js';

const money = [{ as: 'amountText', money: { amount: 'amount', currency: 'currency' } }] as const;

describe('localized values of a notification', () => {
  it('writes minor units as money in the recipient’s language', () => {
    const data = { amount: 1_500_050, currency: 'RUB' };
    expect(withLocalizedValues(money, data, 'ru')).toEqual({
      ...data,
      amountText: `15${NBSP}000,50${NBSP}₽`,
    });
    expect(withLocalizedValues(money, data, 'en')).toMatchObject({ amountText: `15,000.50${NBSP}₽` });
    expect(withLocalizedValues(money, { amount: 999, currency: 'USD' }, 'en')).toMatchObject({
      amountText: '$9.99',
    });
  });

  it('writes a weight with the language’s decimal mark', () => {
    const weight = [{ as: 'weight', quantity: 'weightKg' }] as const;
    expect(withLocalizedValues(weight, { weightKg: 12.5 }, 'ru')).toMatchObject({ weight: '12,5' });
    expect(withLocalizedValues(weight, { weightKg: 12.5 }, 'en')).toMatchObject({ weight: '12.5' });
  });

  it('names a code as the catalog does in the recipient’s language', () => {
    const status = [{ as: 'toText', label: { field: 'to', catalog: 'claim.status' } }] as const;
    expect(withLocalizedValues(status, { to: 'in_review' }, 'ru')).toMatchObject({ toText: 'в работе' });
    expect(withLocalizedValues(status, { to: 'in_review' }, 'en')).toMatchObject({ toText: 'in review' });
    expect(() => withLocalizedValues(status, { to: 'lost' }, 'en')).toThrow(/code of claim.status/);
    expect(() => withLocalizedValues(status, { to: 3 }, 'en')).toThrow(/code of claim.status/);
  });

  it('leaves the data as it is without values, and refuses a field of the wrong kind (a rule bug)', () => {
    const data = { amount: 1 };
    expect(withLocalizedValues(undefined, data, 'en')).toBe(data);
    expect(() => withLocalizedValues(money, { amount: '15', currency: 'RUB' }, 'en')).toThrow(/minor units/);
    expect(() => withLocalizedValues(money, { amount: 15, currency: 'XXX' }, 'en')).toThrow(/currency/);
  });
});
