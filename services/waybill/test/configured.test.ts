// The organization's own payment methods (WAYBILL_PAYMENT_METHODS) and one language forced on
// every document (DOCUMENT_LANGUAGE), S1-02.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '@fieldgram/contracts';
import { EventTap, pdfText, useTestEnv } from '@fieldgram/testkit';
import { INPUT, startServices, type Services } from './support/harness.js';

const env = useTestEnv('waybill-configured');
let services: Services;
let telegram: EventTap;

beforeAll(async () => {
  telegram = await EventTap.open(env(), ['tg.out'], 'fg.tg');
  services = await startServices(env(), {
    WAYBILL_PAYMENT_METHODS: 'card, courier=Cash to the courier/Наличными курьеру',
    DOCUMENT_LANGUAGE: 'en',
  });
}, 60_000);
afterAll(async () => {
  await services?.stop();
  await telegram?.close();
});

describe('S1-02 WAYBILL_PAYMENT_METHODS=card,courier=…', () => {
  it('offers exactly those, in that order, with their labels', async () => {
    expect(await services.caller.ask('waybill.payment-methods', {})).toEqual({
      methods: [
        { code: 'card', label: { en: 'Card', ru: 'Картой' } },
        { code: 'courier', label: { en: 'Cash to the courier', ru: 'Наличными курьеру' } },
      ],
    });
  });

  it('accepts a method of the list and refuses a default one left out', async () => {
    const client = await services.caller.client('Вера Курьерова', {
      telegramId: 720_000_001,
      languageCode: 'ru',
    });
    const waybill = await services.caller.create(client, { paymentMethod: 'courier' });
    expect(waybill.paymentMethod).toBe('courier');
    const refusal = await services.caller.refusal('waybill.create', {
      ...INPUT,
      paymentMethod: 'sender_cash',
      clientId: client,
      requestId: newMessageId(),
    });
    expect(refusal).toMatchObject({ code: 'validation', details: { field: 'paymentMethod' } });
    expect(refusal.message).toBe(
      'paymentMethod: "sender_cash" is not a payment method of this organization (card, courier)',
    );

    // DOCUMENT_LANGUAGE=en: an English PDF and caption for a Russian-speaking client.
    const command = await telegram.next('tg.out', (d) => d.idempotencyKey === `waybill:${waybill.id}:pdf`);
    const year = waybill.number.split('-')[1]!;
    const storageKey = `waybills/${year}/${waybill.number}.en.pdf`;
    expect(command.data).toMatchObject({
      params: { document: { storageKey }, caption: `Waybill ${waybill.number}` },
    });
    const text = await pdfText((await services.waybill.storage.get(storageKey))!.bytes);
    expect(text).toContain('Payment method Cash to the courier');
    expect(text).not.toContain('Способ оплаты');
    // Asked in Russian, still English.
    const pdf = await services.caller.ask('waybill.pdf', { waybillId: waybill.id, language: 'ru' });
    expect(pdf.storageKey).toBe(storageKey);
  });
});
