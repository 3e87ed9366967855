import type { CURRENCY_MINOR_DIGITS } from '@fieldgram/contracts';
import { toScaled } from '@fieldgram/bot-ui';

/** How money and quantities read (`12 345,67 ₽`, `2,5`): bot-ui's, shared with the bot's texts. */
export { formatMoney, formatQuantity, NBSP } from '@fieldgram/bot-ui';

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
