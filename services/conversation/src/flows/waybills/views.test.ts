import { describe, expect, it } from 'vitest';
import { NBSP, t } from '@fieldgram/bot-ui';
import type { Waybill } from '@fieldgram/contracts';
import type { Outgoing } from '../../core/outgoing.js';
import { myWaybillsReply, paymentShown, pdfReply, sizeShown, waybillCard, weightShown } from './views.js';
import { waybillInputOf } from './wizard.js';

const waybill = (n: number, fields: Partial<Waybill> = {}): Waybill => ({
  id: `0194f1a2-0000-7000-8000-00000000000${n % 10}`,
  number: `WB-2026-00000${n}`,
  clientId: 'c1',
  cargo: 'Two boxes of books and a very long description of them',
  weightKg: 12.5,
  lengthCm: 120,
  widthCm: 80.5,
  heightCm: 60,
  pickupAddress: 'Moscow, 5 Lenina St',
  deliveryAddress: 'Kazan, 10 Baumana St',
  paymentMethod: 'card',
  status: 'created',
  createdAt: '2026-03-12T10:00:00.000Z',
  updatedAt: '2026-03-12T10:00:00.000Z',
  cancelledAt: null,
  ...fields,
});
const methods = [{ code: 'card', label: { en: 'Card', ru: 'Картой' } }];
const message = (reply: Outgoing) => {
  if (reply.kind !== 'message') throw new Error('expected a message');
  return reply;
};
const buttons = (reply: Outgoing) => {
  const markup = message(reply).markup;
  return markup && 'inline_keyboard' in markup ? markup.inline_keyboard.flat() : [];
};

describe('what the waybill flow shows (S1-02)', () => {
  it('weights, sizes and payment methods in the reader’s language', () => {
    expect(weightShown(12.5, 'ru')).toBe('12,5 кг');
    expect(weightShown(1250, 'en')).toBe('1,250 kg');
    expect(sizeShown({ lengthCm: 120, widthCm: 80.5, heightCm: 60 }, 'ru')).toBe('120 × 80,5 × 60 см');
    expect(paymentShown('card', methods, 'ru')).toBe('Картой');
    expect(paymentShown('gone', methods, 'en')).toBe('gone');
  });

  it('"My waybills": a button a waybill (number · date · cargo, cut short), the pager, or that there are none', () => {
    const page = myWaybillsReply([waybill(1), waybill(2)], 12, 1, 'ru');
    expect(message(page).text).toBe(t('ru', 'waybill.list.title', { total: 12 }));
    expect(buttons(page).map((b) => [b.text, b.callback_data])).toEqual([
      ['WB-2026-000001 · 12.03.2026 · Two boxes of books and a ve…', `wb:open:${waybill(1).id}`],
      ['WB-2026-000002 · 12.03.2026 · Two boxes of books and a ve…', `wb:open:${waybill(2).id}`],
      ['1/2', 'pg:noop:1'],
      ['Далее ›', 'pg:waybills:2'],
    ]);
    expect(myWaybillsReply([], 0, 1, 'en')).toEqual({ kind: 'message', text: t('en', 'waybill.list.empty') });
  });

  it('a waybill’s card has every field; its PDF goes as a stored document', () => {
    expect(message(waybillCard(waybill(3, { status: 'cancelled' }), methods, 'en')).text).toBe(
      [
        '📦 Waybill WB-2026-000003 of 2026-03-12',
        'Cargo: Two boxes of books and a very long description of them',
        'Weight: 12.5 kg',
        'Dimensions: 120 × 80.5 × 60 cm',
        'Pickup address: Moscow, 5 Lenina St',
        'Delivery address: Kazan, 10 Baumana St',
        'Payment: Card',
        'Status: cancelled',
      ].join('\n'),
    );
    expect(pdfReply({ storageKey: 'waybills/x.pdf', fileName: 'WB.pdf' }, 'WB-2026-000003', 'ru')).toEqual({
      kind: 'document',
      storageKey: 'waybills/x.pdf',
      fileName: 'WB.pdf',
      caption: 'Накладная WB-2026-000003',
    });
    expect(NBSP).toBe('\u00a0');
  });

  it('the answers become the waybill service’s input; an unreadable one none', () => {
    const answers = {
      cargo: 'Books',
      weight: 12.5,
      size: '120x80x60',
      pickup: 'A st 1',
      delivery: 'B st 2',
      payment: 'card',
    };
    expect(waybillInputOf(answers)).toEqual({
      cargo: 'Books',
      weightKg: 12.5,
      lengthCm: 120,
      widthCm: 80,
      heightCm: 60,
      pickupAddress: 'A st 1',
      deliveryAddress: 'B st 2',
      paymentMethod: 'card',
    });
    expect(waybillInputOf({ ...answers, size: 'big' })).toBeUndefined();
    expect(waybillInputOf({ ...answers, weight: '12' })).toBeUndefined();
  });
});
