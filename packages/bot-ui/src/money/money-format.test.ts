import { describe, expect, it } from 'vitest';
import { formatMoney, formatQuantity, NBSP } from './money-format.js';

const spaced = (text: string) => text.replaceAll(NBSP, ' ');

describe('money and quantities as people read them', () => {
  it('formats minor units in the currency and language, never wrapping', () => {
    expect(spaced(formatMoney(1_500_050, 'RUB', 'ru'))).toBe('15 000,50 ₽');
    expect(formatMoney(1_500_050, 'RUB', 'ru')).toBe(`15${NBSP}000,50${NBSP}₽`);
    expect(formatMoney(1_234_567, 'USD', 'en')).toBe('$12,345.67');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
    expect(spaced(formatMoney(12_345, 'JPY', 'ru'))).toBe('12 345 ¥');
  });

  it('formats a quantity without trailing zeros, in the language', () => {
    expect(formatQuantity(12.5, 'ru')).toBe('12,5');
    expect(formatQuantity(12.5, 'en')).toBe('12.5');
    expect(spaced(formatQuantity(100_000, 'ru'))).toBe('100 000');
    expect(formatQuantity(0.25, 'en')).toBe('0.25');
  });
});
