import { CATALOG, formatMoney, formatQuantity, type Currency } from '@fieldgram/bot-ui';
import { CURRENCY_MINOR_DIGITS, type Language } from '@fieldgram/contracts';
import { fieldOf } from '../template.js';
import type { LocalizedValue } from './rule.js';

/**
 * The event's data with the rule's localized values added (`{amountText}` = `15 000,50 ₽` in
 * Russian). A field that is missing or of the wrong kind is a rule bug: it throws.
 */
export function withLocalizedValues(
  values: readonly LocalizedValue[] | undefined,
  data: unknown,
  language: Language,
): unknown {
  if (!values?.length || data === null || typeof data !== 'object') return data;
  const added: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const value of values) added[value.as] = localized(value, data, language);
  return added;
}

function localized(value: LocalizedValue, data: unknown, language: Language): string {
  if ('money' in value) {
    const amount = fieldOf(data, value.money.amount);
    const currency = fieldOf(data, value.money.currency);
    if (!Number.isInteger(amount) || !isCurrency(currency))
      throw new Error(
        `"${value.as}" needs minor units in "${value.money.amount}" and a currency in "${value.money.currency}"`,
      );
    return formatMoney(amount as number, currency, language);
  }
  if ('label' in value) return labelOf(value.as, value.label, data, language);
  const quantity = fieldOf(data, value.quantity);
  if (typeof quantity !== 'number') throw new Error(`"${value.as}" needs a number in "${value.quantity}"`);
  return formatQuantity(quantity, language);
}

function labelOf(
  as: string,
  label: { field: string; catalog: string },
  data: unknown,
  language: Language,
): string {
  const code = fieldOf(data, label.field);
  const texts: Readonly<Record<string, string>> = CATALOG[language];
  const text = typeof code === 'string' ? texts[`${label.catalog}.${code}`] : undefined;
  if (text === undefined) throw new Error(`"${as}" needs a code of ${label.catalog} in "${label.field}"`);
  return text;
}

function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_MINOR_DIGITS, value);
}
