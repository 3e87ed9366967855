import { PaymentMethodCodeSchema, type PaymentMethod } from '@fieldgram/contracts';

/** The organization's payment methods when WAYBILL_PAYMENT_METHODS is not set (S1-02). */
export const DEFAULT_PAYMENT_METHODS: readonly PaymentMethod[] = [
  { code: 'sender_cash', label: { en: 'Sender pays in cash', ru: 'Наличными, платит отправитель' } },
  { code: 'receiver_cash', label: { en: 'Receiver pays in cash', ru: 'Наличными, платит получатель' } },
  { code: 'card', label: { en: 'Card', ru: 'Картой' } },
  { code: 'bank_transfer', label: { en: 'Bank transfer', ru: 'Безналичный перевод' } },
];

/** Fits a Telegram button with room to spare. */
export const MAX_LABEL_LENGTH = 60;
export const MAX_METHODS = 20;

export const PAYMENT_METHODS_FORMAT =
  'expected a comma-separated list of codes, each a default one (sender_cash, receiver_cash, card, ' +
  'bank_transfer) or code=English label/Русская подпись (one label serves both languages), e.g. ' +
  '"card,bank_transfer,courier=Courier/Курьер"';

export type PaymentMethodsParse = { ok: true; methods: PaymentMethod[] } | { ok: false; problem: string };

/**
 * WAYBILL_PAYMENT_METHODS, in order: `card,bank_transfer,courier=Courier/Курьер`. A default code
 * keeps its labels unless given new ones; any other code needs its labels (English/Russian, or
 * one for both). Codes are lower-case letters, digits and `_`, each listed once.
 */
export function parsePaymentMethods(text: string): PaymentMethodsParse {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return { ok: false, problem: `no payment method: ${PAYMENT_METHODS_FORMAT}` };
  if (entries.length > MAX_METHODS)
    return { ok: false, problem: `${entries.length} payment methods: at most ${MAX_METHODS}` };
  const methods: PaymentMethod[] = [];
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed.ok) return parsed;
    if (methods.some((method) => method.code === parsed.method.code))
      return { ok: false, problem: `payment method "${parsed.method.code}" is listed twice` };
    methods.push(parsed.method);
  }
  return { ok: true, methods };
}

function parseEntry(entry: string): { ok: true; method: PaymentMethod } | { ok: false; problem: string } {
  const equals = entry.indexOf('=');
  const code = (equals < 0 ? entry : entry.slice(0, equals)).trim();
  if (!PaymentMethodCodeSchema.safeParse(code).success)
    return {
      ok: false,
      problem: `"${code}" is not a payment method code (lower-case letters, digits and _, starting with a letter; at most 40)`,
    };
  const known = DEFAULT_PAYMENT_METHODS.find((method) => method.code === code);
  if (equals < 0) {
    if (known) return { ok: true, method: known };
    return {
      ok: false,
      problem: `"${code}" is not a default payment method: give its labels, e.g. ${code}=Courier/Курьер`,
    };
  }
  const labels = entry
    .slice(equals + 1)
    .split('/')
    .map((label) => label.trim());
  if (labels.length > 2 || labels.some((label) => label.length === 0))
    return {
      ok: false,
      problem: `the labels of "${code}" should be "English/Русская подпись" or one label for both, without empty parts or a third "/"`,
    };
  const [en, ru = en] = labels as [string, string?];
  const tooLong = [en, ru].find((label) => label.length > MAX_LABEL_LENGTH);
  if (tooLong)
    return {
      ok: false,
      problem: `the label "${tooLong}" of "${code}" is longer than ${MAX_LABEL_LENGTH} characters`,
    };
  return { ok: true, method: { code, label: { en, ru } } };
}
