import { CURRENCY_MINOR_DIGITS, type Language } from '@fieldgram/contracts';

export type Currency = keyof typeof CURRENCY_MINOR_DIGITS;

export interface LineInput {
  /** Up to three decimals. */
  quantity: number;
  /** Minor units per unit. */
  unitPrice: number;
}

export interface Totals {
  amounts: number[];
  subtotal: number;
  tax: number;
  total: number;
}

/** The amount is too large to be represented exactly. */
export class AmountTooLargeError extends Error {
  override readonly name = 'AmountTooLargeError';
}

/** numerator / denominator rounded half up (both non-negative), exactly. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** A decimal with at most `digits` decimals as an integer count of 10^-digits (2.5, 3 → 2500n). */
export function toScaled(value: number, digits: number): bigint {
  const scaled = Math.round(value * 10 ** digits);
  if (Math.abs(scaled / 10 ** digits - value) > 1e-9 * Math.max(1, Math.abs(value)))
    throw new RangeError(`${value} has more than ${digits} decimals`);
  return BigInt(scaled);
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountTooLargeError('the amount is too large');
  return Number(value);
}

/** round(quantity × unitPrice), half up, computed on thousandths of the quantity. */
export function lineAmount({ quantity, unitPrice }: LineInput): number {
  return toSafeNumber(divideHalfUp(toScaled(quantity, 3) * BigInt(unitPrice), 1000n));
}

/** round(subtotal × rate / 100), half up; the rate is a percent with up to two decimals. */
export function taxOf(subtotal: number, ratePercent: number | null): number {
  if (ratePercent === null) return 0;
  return toSafeNumber(divideHalfUp(BigInt(subtotal) * toScaled(ratePercent, 2), 10_000n));
}

/** Line amounts, subtotal, tax and total in integer minor units, exactly. */
export function computeTotals(items: readonly LineInput[], ratePercent: number | null): Totals {
  const amounts = items.map(lineAmount);
  const subtotal = toSafeNumber(amounts.reduce((sum, amount) => sum + BigInt(amount), 0n));
  const tax = taxOf(subtotal, ratePercent);
  return { amounts, subtotal, tax, total: toSafeNumber(BigInt(subtotal) + BigInt(tax)) };
}

const SYMBOLS: Record<Currency, { symbol: string; enPrefix: boolean }> = {
  RUB: { symbol: '₽', enPrefix: false },
  USD: { symbol: '$', enPrefix: true },
  EUR: { symbol: '€', enPrefix: true },
  KZT: { symbol: '₸', enPrefix: false },
  BYN: { symbol: 'Br', enPrefix: false },
  UZS: { symbol: 'UZS', enPrefix: false },
  GBP: { symbol: '£', enPrefix: true },
  JPY: { symbol: '¥', enPrefix: true },
};

/** A no-break space: an amount never wraps between its groups or before its symbol. */
export const NBSP = '\u00a0';

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A plain decimal: `1 234,5` (ru) or `1,234.5` (en), `fraction` digits fixed. */
function formatScaled(scaled: bigint, fractionDigits: number, language: Language, trim: boolean): string {
  const negative = scaled < 0n;
  const absolute = (negative ? -scaled : scaled).toString().padStart(fractionDigits + 1, '0');
  const whole = absolute.slice(0, absolute.length - fractionDigits);
  let fraction = absolute.slice(absolute.length - fractionDigits);
  if (trim) fraction = fraction.replace(/0+$/, '');
  const [group, decimal] = language === 'ru' ? [NBSP, ','] : [',', '.'];
  return `${negative ? '-' : ''}${groupThousands(whole, group)}${fraction ? decimal + fraction : ''}`;
}

/** Minor units as money: `12 345,67 ₽` (ru), `$12,345.67` (en); digits per CURRENCY_MINOR_DIGITS. */
export function formatMoney(minor: number, currency: Currency, language: Language): string {
  const amount = formatScaled(BigInt(minor), CURRENCY_MINOR_DIGITS[currency], language, false);
  const { symbol, enPrefix } = SYMBOLS[currency];
  if (language === 'en' && enPrefix)
    return amount.startsWith('-') ? `-${symbol}${amount.slice(1)}` : `${symbol}${amount}`;
  return `${amount}${NBSP}${symbol}`;
}

/** A quantity without trailing zeros: `2,5` (ru), `1,000.125` (en). */
export function formatQuantity(quantity: number, language: Language): string {
  return formatScaled(toScaled(quantity, 3), 3, language, true);
}
