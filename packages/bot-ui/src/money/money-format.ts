import { CURRENCY_MINOR_DIGITS } from '@fieldgram/contracts';
import type { Lang } from '../text/lang.js';

/** A currency money can be kept in (ISO 4217; the contracts' list, with its minor-unit digits). */
export type Currency = keyof typeof CURRENCY_MINOR_DIGITS;

/** The currency's sign, and whether English writes it first (`$12.50`, but `12.50 ₽`). */
export const CURRENCY_SIGNS: Record<Currency, { symbol: string; enPrefix: boolean }> = {
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

/** A decimal with at most `digits` decimals as an integer count of 10^-digits (2.5, 3 → 2500n). */
export function toScaled(value: number, digits: number): bigint {
  const scaled = Math.round(value * 10 ** digits);
  if (Math.abs(scaled / 10 ** digits - value) > 1e-9 * Math.max(1, Math.abs(value)))
    throw new RangeError(`${value} has more than ${digits} decimals`);
  return BigInt(scaled);
}

/** A plain decimal: `1 234,5` (ru) or `1,234.5` (en), `fraction` digits fixed or trimmed. */
function formatScaled(scaled: bigint, fractionDigits: number, lang: Lang, trim: boolean): string {
  const negative = scaled < 0n;
  const absolute = (negative ? -scaled : scaled).toString().padStart(fractionDigits + 1, '0');
  const whole = absolute.slice(0, absolute.length - fractionDigits);
  let fraction = absolute.slice(absolute.length - fractionDigits);
  if (trim) fraction = fraction.replace(/0+$/, '');
  const [group, decimal] = lang === 'ru' ? [NBSP, ','] : [',', '.'];
  return `${negative ? '-' : ''}${groupThousands(whole, group)}${fraction ? decimal + fraction : ''}`;
}

/** Minor units as money: `12 345,67 ₽` (ru), `$12,345.67` (en); digits per CURRENCY_MINOR_DIGITS. */
export function formatMoney(minor: number, currency: Currency, lang: Lang): string {
  const amount = formatScaled(BigInt(minor), CURRENCY_MINOR_DIGITS[currency], lang, false);
  const { symbol, enPrefix } = CURRENCY_SIGNS[currency];
  if (lang === 'en' && enPrefix)
    return amount.startsWith('-') ? `-${symbol}${amount.slice(1)}` : `${symbol}${amount}`;
  return `${amount}${NBSP}${symbol}`;
}

/** A quantity (a weight, a size) without trailing zeros: `2,5` (ru), `1,000.125` (en); 3 decimals at most. */
export function formatQuantity(quantity: number, lang: Lang): string {
  return formatScaled(toScaled(quantity, 3), 3, lang, true);
}
