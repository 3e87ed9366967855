import { describe, expect, it } from 'vitest';
import type { Waybill } from '@fieldgram/contracts';
import { DEFAULT_PAYMENT_METHODS } from '../domain/payment-methods.js';
import { formatDecimal, paymentLabel, waybillCaption, waybillDocument } from './waybill-document.js';

const WAYBILL: Waybill = {
  id: '01900000-0000-7000-8000-000000000001',
  number: 'WB-2026-000123',
  clientId: 'client-1',
  cargo: 'Мебель: шкаф, 2 коробки',
  weightKg: 1234.5,
  lengthCm: 120,
  widthCm: 80.5,
  heightCm: 60,
  pickupAddress: 'Москва, ул. Ленина, д. 1',
  deliveryAddress: 'Казань, ул. Баумана, д. 10',
  paymentMethod: 'receiver_cash',
  status: 'created',
  createdAt: '2026-03-09T10:15:00.000Z',
  updatedAt: '2026-03-09T10:15:00.000Z',
  cancelledAt: null,
};
const ORG = { name: 'ООО «Быстрая доставка»', details: 'ИНН 7701234567' };

/** Every text of a pdfmake content tree, in order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') {
    const { text, stack, columns, table, content } = node as Record<string, unknown>;
    return [
      ...(text !== undefined ? texts(text) : []),
      ...texts(stack ?? []),
      ...texts(columns ?? []),
      ...texts((table as { body?: unknown } | undefined)?.body ?? []),
      ...texts(content ?? []),
    ];
  }
  return [];
}

/** The pdfmake nodes with a `qr`. */
function qrNodes(node: unknown): { qr: string }[] {
  if (Array.isArray(node)) return node.flatMap(qrNodes);
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    return [
      ...(typeof record.qr === 'string' ? [record as { qr: string }] : []),
      ...Object.values(record).flatMap(qrNodes),
    ];
  }
  return [];
}

describe('S1-02 the waybill PDF document', () => {
  it('shows the organization, number, date and every field labelled in Russian', () => {
    const document = waybillDocument(WAYBILL, ORG, DEFAULT_PAYMENT_METHODS, 'ru');
    expect(texts(document.content)).toEqual([
      'ООО «Быстрая доставка»',
      'ИНН 7701234567',
      'Накладная WB-2026-000123',
      'Дата: 09.03.2026',
      'QR-код: номер накладной',
      'Описание груза',
      'Мебель: шкаф, 2 коробки',
      'Вес',
      '1\u00a0234,5 кг',
      'Габариты (Д × Ш × В)',
      '120 × 80,5 × 60 см',
      'Адрес отправки',
      'Москва, ул. Ленина, д. 1',
      'Адрес получения',
      'Казань, ул. Баумана, д. 10',
      'Способ оплаты',
      'Наличными, платит получатель',
    ]);
    expect(document.info).toMatchObject({ title: 'Накладная WB-2026-000123', author: ORG.name });
  });

  it('in English, with English labels and numbers', () => {
    const all = texts(waybillDocument(WAYBILL, ORG, DEFAULT_PAYMENT_METHODS, 'en').content);
    expect(all).toEqual(
      expect.arrayContaining([
        'Waybill WB-2026-000123',
        'Date: 2026-03-09',
        'Cargo description',
        'Weight',
        '1,234.5 kg',
        'Dimensions (L × W × H)',
        '120 × 80.5 × 60 cm',
        'Pickup address',
        'Delivery address',
        'Payment method',
        'Receiver pays in cash',
      ]),
    );
    // The entered data stays as entered; no label is Russian.
    expect(all.join(' ')).not.toMatch(/Накладная|Дата|Вес|Габариты|Адрес|Способ|кг|см/);
  });

  it('carries a QR code of the waybill number', () => {
    expect(qrNodes(waybillDocument(WAYBILL, ORG, DEFAULT_PAYMENT_METHODS, 'ru').content)).toEqual([
      expect.objectContaining({ qr: 'WB-2026-000123' }),
    ]);
  });

  it('stamps a cancelled waybill, and leaves out details the organization has none of', () => {
    const cancelled = { ...WAYBILL, status: 'cancelled' as const, cancelledAt: '2026-03-10T08:00:00.000Z' };
    const all = texts(waybillDocument(cancelled, { name: 'Org' }, DEFAULT_PAYMENT_METHODS, 'en').content);
    expect(all).toContain('CANCELLED');
    expect(all.slice(0, 2)).toEqual(['Org', 'Waybill WB-2026-000123']);
  });

  it('shows a payment method the organization no longer offers as its code', () => {
    expect(paymentLabel('barter', DEFAULT_PAYMENT_METHODS, 'ru')).toBe('barter');
    expect(paymentLabel('card', DEFAULT_PAYMENT_METHODS, 'ru')).toBe('Картой');
  });

  it('writes decimals and the bot caption in the reader’s language', () => {
    expect(formatDecimal(12.5, 'ru')).toBe('12,5');
    expect(formatDecimal(0.125, 'en')).toBe('0.125');
    expect(waybillCaption('WB-2026-000123', 'ru')).toBe('Накладная WB-2026-000123');
    expect(waybillCaption('WB-2026-000123', 'en')).toBe('Waybill WB-2026-000123');
  });
});
