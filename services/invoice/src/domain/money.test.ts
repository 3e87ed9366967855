import { describe, expect, it } from 'vitest';
import { computeTotals, formatMoney, formatQuantity, lineAmount, NBSP, taxOf } from './money.js';

const spaced = (text: string) => text.replaceAll(NBSP, ' ');

describe('totals', () => {
  it('rounds a line half up on thousandths of the quantity', () => {
    expect(lineAmount({ quantity: 2.5, unitPrice: 150_000 })).toBe(375_000);
    expect(lineAmount({ quantity: 0.001, unitPrice: 500 })).toBe(1); // 0.5 → 1
    expect(lineAmount({ quantity: 0.001, unitPrice: 499 })).toBe(0); // 0.499 → 0
    expect(lineAmount({ quantity: 1.125, unitPrice: 333 })).toBe(375); // 374.625 → 375
    expect(lineAmount({ quantity: 0.1, unitPrice: 3 })).toBe(0); // 0.3 → 0, no float drift
    expect(lineAmount({ quantity: 0.3, unitPrice: 5 })).toBe(2); // 1.5 → 2
  });

  it('computes tax half up with a two-decimal percent', () => {
    expect(taxOf(1_000, 20)).toBe(200);
    expect(taxOf(1_005, 12.5)).toBe(126); // 125.625 → 126
    expect(taxOf(10, 5)).toBe(1); // 0.5 → 1
    expect(taxOf(9, 5)).toBe(0); // 0.45 → 0
    expect(taxOf(12_345, null)).toBe(0);
  });

  it('adds lines, tax and total exactly', () => {
    const totals = computeTotals(
      [
        { quantity: 2.5, unitPrice: 150_000 },
        { quantity: 1, unitPrice: 99_999 },
        { quantity: 0.333, unitPrice: 10_001 },
      ],
      20,
    );
    expect(totals.amounts).toEqual([375_000, 99_999, 3_330]);
    expect(totals.subtotal).toBe(478_329);
    expect(totals.tax).toBe(95_666); // 95 665.8
    expect(totals.total).toBe(573_995);
  });

  it('handles large amounts without losing precision', () => {
    expect(lineAmount({ quantity: 999_999.999, unitPrice: 1_000_000 })).toBe(999_999_999_000);
    expect(() => computeTotals([{ quantity: 1_000_000, unitPrice: 100_000_000_000 }], 0)).toThrow(
      /too large/,
    );
  });
});

describe('money format', () => {
  it('writes rubles the Russian way', () => {
    expect(spaced(formatMoney(1_234_567, 'RUB', 'ru'))).toBe('12 345,67 ₽');
    expect(spaced(formatMoney(5, 'RUB', 'ru'))).toBe('0,05 ₽');
    expect(spaced(formatMoney(100_000_000, 'RUB', 'ru'))).toBe('1 000 000,00 ₽');
  });

  it('writes dollars the English way', () => {
    expect(formatMoney(1_234_567, 'USD', 'en')).toBe('$12,345.67');
    expect(formatMoney(0, 'USD', 'en')).toBe('$0.00');
    expect(spaced(formatMoney(1_234_567, 'RUB', 'en'))).toBe('12,345.67 ₽');
  });

  it('follows the currency minor digits', () => {
    expect(formatMoney(12_345, 'JPY', 'en')).toBe('¥12,345');
    expect(spaced(formatMoney(12_345, 'JPY', 'ru'))).toBe('12 345 ¥');
  });

  it('writes quantities without trailing zeros', () => {
    expect(formatQuantity(2.5, 'ru')).toBe('2,5');
    expect(formatQuantity(1000.125, 'en')).toBe('1,000.125');
    expect(formatQuantity(3, 'en')).toBe('3');
  });
});
