// DOCUMENT_LANGUAGE forces one language on every document, whoever reads it (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTap, pdfText, useTestEnv } from '@fieldgram/testkit';
import { startServices, type InvoiceCaller, type Services } from './support/harness.js';

const env = useTestEnv('invoice-document-language');
let services: Services;
let caller: InvoiceCaller;
let telegram: EventTap;
const JOHN_TELEGRAM = 700_300_400;

beforeAll(async () => {
  telegram = await EventTap.open(env(), ['tg.out'], 'fg.tg');
  // An English-speaking organization that issues its documents in Russian.
  services = await startServices(env(), { ORG_LANGUAGE: 'en', DOCUMENT_LANGUAGE: 'ru' });
  ({ caller } = services);
}, 60_000);
afterAll(async () => {
  await services?.stop();
  await telegram?.close();
});

describe('DOCUMENT_LANGUAGE=ru', () => {
  it('sends a Russian PDF and caption to a technician whose Telegram speaks English', async () => {
    const john = await caller.technician('John Tech', JOHN_TELEGRAM, 'en');
    await caller.ask('identity.update-user', { userId: john, patch: { language: 'en' } });
    const invoice = await caller.invoiceForNewTask('Fix the boiler', john, {
      items: [{ description: 'Labour', quantity: 1, unitPrice: 1_234_567 }],
    });
    await caller.ask('invoice.send', { invoiceId: invoice.id });
    const command = await telegram.next('tg.out', (d) => d.idempotencyKey === `invoice:${invoice.id}:send:1`);
    const year = invoice.number.split('-')[1]!;
    const storageKey = `invoices/${year}/${invoice.number}.ru.pdf`;
    expect(command.data).toMatchObject({
      chatId: JOHN_TELEGRAM,
      params: { document: { storageKey }, caption: `Счёт ${invoice.number}: 12\u00a0345,67\u00a0₽` },
    });
    const text = await pdfText((await services.invoice.storage.get(storageKey))!.bytes);
    expect(text).toContain(`Счёт ${invoice.number}`);
    expect(text).toContain('Всего к оплате');
    expect(text).not.toMatch(/Invoice|Total due/);
  });

  it('renders Russian even when English is asked for', async () => {
    const petr = await caller.technician('Petr Tech', null);
    const invoice = await caller.invoiceForNewTask('Replace the valve', petr);
    const pdf = await caller.ask('invoice.pdf', { invoiceId: invoice.id, language: 'en', readerId: petr });
    expect(pdf.storageKey).toMatch(/\.ru\.pdf$/);
    expect(await pdfText((await services.invoice.storage.get(pdf.storageKey))!.bytes)).toContain(
      `Счёт ${invoice.number}`,
    );
  });
});
