import { z } from 'zod';
import { CURRENCY_SIGNS, type Currency } from '@fieldgram/bot-ui';
import { CURRENCY_MINOR_DIGITS } from '@fieldgram/contracts';
import type { Parsed, WizardText } from './definition.js';

/** Parsers for the usual kinds of typed answer; `error` says what is expected, with an example. */

const NUMBER = /^-?\d+(?:[.,](\d+))?$/;

/**
 * A number ("12.5"; a comma reads as the decimal point, as Russian users write it), within
 * bounds, with at most `decimals` decimals when given.
 */
export function numberAnswer(
  error: WizardText,
  bounds: { min?: number; max?: number; decimals?: number } = {},
) {
  return (text: string): Parsed => {
    const compact = text.replace(/\s+/g, '');
    const match = NUMBER.exec(compact);
    const decimalsOk = (match?.[1]?.length ?? 0) <= (bounds.decimals ?? Infinity);
    const value = match && decimalsOk ? Number(compact.replace(',', '.')) : Number.NaN;
    const inBounds = value >= (bounds.min ?? -Infinity) && value <= (bounds.max ?? Infinity);
    return Number.isFinite(value) && inBounds ? { ok: true, value } : { ok: false, error };
  };
}

/** Free text in words: not empty, at most `max` characters. */
export function textAnswer(error: WizardText, max = 500) {
  return (text: string): Parsed => {
    const value = text.trim();
    return value !== '' && value.length <= max ? { ok: true, value } : { ok: false, error };
  };
}

const EMAIL = z.email().max(254);

/** An e-mail address, checked as the contracts check it (so the service takes what the bot took). */
export function emailAnswer(error: WizardText) {
  return (text: string): Parsed => {
    const value = text.trim();
    return EMAIL.safeParse(value).success ? { ok: true, value } : { ok: false, error };
  };
}

/** Words for a currency besides its sign and code, as people type them after an amount. */
const CURRENCY_WORDS: Partial<Record<Currency, readonly string[]>> = {
  RUB: ['руб', 'р', 'рублей', 'рубля', 'рубль', 'rubles', 'roubles'],
  USD: ['dollars', 'долларов'],
  EUR: ['euro', 'евро'],
};
/** Spaces people put between thousands: plain, no-break, narrow no-break. */
const SPACE = '[ \\u00a0\\u202f]';
const AMOUNT = new RegExp(`^(\\d{1,3}(?:${SPACE}\\d{3})+|\\d+)(?:[.,](\\d+))?$`);

/**
 * An amount of money in `currency` as minor units (kopecks): `15 000,50`, `15000.5`, `15 000 ₽`,
 * `₽15000`, `15000 руб.` → 1500050 / 1500000. Thousands may be grouped by spaces only (a comma
 * or a point is the decimal separator), with no more decimals than the currency has; 0 … `max`.
 */
export function moneyAnswer(error: WizardText, options: { currency: Currency; max: number }) {
  const digits = CURRENCY_MINOR_DIGITS[options.currency];
  const markers = [
    CURRENCY_SIGNS[options.currency].symbol.toLowerCase(),
    options.currency.toLowerCase(),
    ...(CURRENCY_WORDS[options.currency] ?? []),
  ];
  return (text: string): Parsed => {
    const match = AMOUNT.exec(withoutCurrency(text.trim().toLowerCase(), markers));
    if (!match || (match[2]?.length ?? 0) > digits) return { ok: false, error };
    const whole = BigInt(match[1]!.replace(new RegExp(SPACE, 'g'), ''));
    const fraction = BigInt((match[2] ?? '').padEnd(digits, '0') || '0');
    const minor = whole * 10n ** BigInt(digits) + fraction;
    return minor <= BigInt(options.max) ? { ok: true, value: Number(minor) } : { ok: false, error };
  };
}

/** The amount without a currency marker before or after it (`₽ 15 000`, `15 000 руб.`). */
function withoutCurrency(text: string, markers: readonly string[]): string {
  for (const marker of markers) {
    if (text.startsWith(marker)) return text.slice(marker.length).trim();
    for (const end of [`${marker}.`, marker])
      if (text.endsWith(end) && /[\d\s]$/u.test(text.slice(0, -end.length)))
        return text.slice(0, -end.length).trim();
  }
  return text;
}
