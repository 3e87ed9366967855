import { describe, expect, it } from 'vitest';
import { DEFAULT_PAYMENT_METHODS, parsePaymentMethods } from './payment-methods.js';

const problemOf = (text: string) => {
  const parsed = parsePaymentMethods(text);
  if (parsed.ok) throw new Error(`"${text}" was accepted`);
  return parsed.problem;
};

describe('S1-02 payment methods (WAYBILL_PAYMENT_METHODS)', () => {
  it('default to sender cash, receiver cash, card and bank transfer, labelled in ru and en', () => {
    expect(DEFAULT_PAYMENT_METHODS.map((method) => method.code)).toEqual([
      'sender_cash',
      'receiver_cash',
      'card',
      'bank_transfer',
    ]);
    for (const method of DEFAULT_PAYMENT_METHODS) {
      expect(method.label.ru).toMatch(/[а-я]/i);
      expect(method.label.en).toMatch(/^[A-Za-z ]+$/);
    }
  });

  it('read a list of default codes and new ones with their labels, in the order given', () => {
    const parsed = parsePaymentMethods(' card , bank_transfer,courier=Courier/Курьер, qr_pay=СБП ');
    expect(parsed).toEqual({
      ok: true,
      methods: [
        DEFAULT_PAYMENT_METHODS[2],
        DEFAULT_PAYMENT_METHODS[3],
        { code: 'courier', label: { en: 'Courier', ru: 'Курьер' } },
        // One label serves both languages.
        { code: 'qr_pay', label: { en: 'СБП', ru: 'СБП' } },
      ],
    });
  });

  it('let a default code take new labels', () => {
    expect(parsePaymentMethods('card=Card on delivery/Картой курьеру')).toEqual({
      ok: true,
      methods: [{ code: 'card', label: { en: 'Card on delivery', ru: 'Картой курьеру' } }],
    });
  });

  it('refuse, saying why: no method, a new code without labels, a bad code, a repeat, bad labels', () => {
    expect(problemOf(' , ')).toMatch(/^no payment method: expected a comma-separated list/);
    expect(problemOf('card,courier')).toBe(
      '"courier" is not a default payment method: give its labels, e.g. courier=Courier/Курьер',
    );
    expect(problemOf('Card')).toMatch(/^"Card" is not a payment method code/);
    expect(problemOf('card,card')).toBe('payment method "card" is listed twice');
    expect(problemOf('courier=Courier/')).toMatch(/labels of "courier"/);
    expect(problemOf('courier=a/b/c')).toMatch(/labels of "courier"/);
    expect(problemOf(`courier=${'x'.repeat(61)}`)).toMatch(/longer than 60 characters/);
    expect(problemOf(Array.from({ length: 21 }, (_, i) => `m${i}=M${i}`).join(','))).toBe(
      '21 payment methods: at most 20',
    );
  });
});
