// An admin bills a completed task; the bot delivers the PDF to its technician; the invoice is paid (S0-11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTap, pdfText, useTestEnv } from '@fieldgram/testkit';
import { startServices, type InvoiceCaller, type Services } from './support/harness.js';

const env = useTestEnv('invoice');
let services: Services;
let caller: InvoiceCaller;
let events: EventTap;
let telegram: EventTap;
let ivan: string;
const IVAN_TELEGRAM = 700_100_200;

const ITEMS = [
  { description: 'Работа мастера', quantity: 2.5, unitPrice: 150_000 },
  { description: 'Фильтр тонкой очистки', quantity: 1, unitPrice: 99_999 },
  { description: 'Трубка медная, м', quantity: 0.333, unitPrice: 10_001 },
];

beforeAll(async () => {
  telegram = await EventTap.open(env(), ['tg.out'], 'fg.tg');
  services = await startServices(env(), {
    ORG_NAME: 'ООО «Сервис»',
    ORG_DETAILS: 'ИНН 7701234567\\nМосква, ул. Примерная, 1',
  });
  ({ caller, events } = services);
  ivan = await caller.technician('Иван Техник', IVAN_TELEGRAM);
}, 60_000);
afterAll(async () => {
  await services?.stop();
  await telegram?.close();
});

describe('creating an invoice', () => {
  it('bills a completed task as a draft with exact totals', async () => {
    const task = await caller.completedTask('Починить котёл', ivan);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: ITEMS,
      currency: 'RUB',
      taxRate: 20,
      dueDate: '2030-01-31',
    });
    expect(invoice).toMatchObject({
      taskId: task.id,
      clientId: null,
      subject: 'Починить котёл',
      status: 'draft',
      currency: 'RUB',
      taxRate: 20,
      dueDate: '2030-01-31',
      sentAt: null,
      paidAt: null,
    });
    expect(invoice.number).toMatch(new RegExp(`^INV-${new Date().getUTCFullYear()}-\\d{4}$`));
    // 2.5 × 1500.00 = 3750.00; 1 × 999.99; 0.333 × 100.01 = 33.30333 → 33.30
    expect(invoice.items.map((item) => item.amount)).toEqual([375_000, 99_999, 3_330]);
    expect(invoice.subtotal).toBe(478_329);
    expect(invoice.tax).toBe(95_666); // 20% of 4783.29 = 956.658 → 956.66
    expect(invoice.total).toBe(573_995);
    expect(await caller.ask('invoice.get', { invoiceId: invoice.id })).toEqual(invoice);

    const created = await events.next('invoice.created', (d) => d.invoiceId === invoice.id);
    expect(created.data).toEqual({
      invoiceId: invoice.id,
      number: invoice.number,
      taskId: task.id,
      total: 573_995,
      currency: 'RUB',
    });
  });

  it('rounds the tax half up', async () => {
    const task = await caller.completedTask('Замена крана', ivan);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Кран', quantity: 1, unitPrice: 1_005 }],
      currency: 'RUB',
      taxRate: 12.5,
    });
    expect(invoice).toMatchObject({ subtotal: 1_005, tax: 126, total: 1_131, taxRate: 12.5 }); // 125.625 → 126
  });

  it('refuses a task that is not completed, saying why', async () => {
    const task = await caller.task('Ещё не сделано', ivan);
    const refusal = await caller.refusal('invoice.create', {
      taskId: task.id,
      items: ITEMS,
      currency: 'RUB',
    });
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toBe(
      `task #${task.number} is not completed (status new): only a completed task can be invoiced`,
    );
  });

  it('names the field of invalid input', async () => {
    const task = await caller.completedTask('Проверка ввода', ivan);
    const negative = await caller.refusal('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Работа', quantity: -1, unitPrice: 100 }],
      currency: 'RUB',
    });
    expect(negative.message).toContain('items.0.quantity');
    const currency = await caller.refusal('invoice.create', {
      taskId: task.id,
      items: ITEMS,
      currency: 'XYZ' as 'RUB',
    });
    expect(currency.message).toContain('currency');
  });

  it('numbers 20 invoices created at once consecutively, without duplicates', async () => {
    const task = await caller.completedTask('Много счетов', ivan);
    const invoices = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        caller.ask('invoice.create', {
          taskId: task.id,
          items: [{ description: `Позиция ${index}`, quantity: 1, unitPrice: 100 }],
          currency: 'RUB',
        }),
      ),
    );
    const seqs = invoices.map((invoice) => Number(invoice.number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs[19]! - seqs[0]!).toBe(19);
    const listed = await caller.ask('invoice.list', { taskId: task.id, pageSize: 100 });
    expect(listed.total).toBe(20);
    expect(listed.items).toHaveLength(20);
  });
});

describe('the PDF', () => {
  it('shows the organization, number, task, items and exact totals; rendered once per change', async () => {
    const task = await caller.completedTask('Установка бойлера «Ариston»', ivan);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: ITEMS,
      currency: 'RUB',
      taxRate: 20,
      dueDate: '2030-01-31',
    });
    const pdf = await caller.ask('invoice.pdf', { invoiceId: invoice.id });
    const year = invoice.number.split('-')[1]!;
    // The caller names no reader: the organization's language (ru), in that language's own file.
    expect(pdf).toEqual({
      storageKey: `invoices/${year}/${invoice.number}.ru.pdf`,
      fileName: `${invoice.number}.pdf`,
      contentType: 'application/pdf',
    });
    const stored = await services.invoice.storage.get(pdf.storageKey);
    expect(stored?.contentType).toBe('application/pdf');
    const text = await pdfText(stored!.bytes);
    for (const expected of [
      'ООО «Сервис»',
      'ИНН 7701234567',
      `Счёт ${invoice.number}`,
      `Задача #${task.number}: Установка бойлера «Ариston»`,
      'Оплатить до: 31.01.2030',
      ...ITEMS.map((item) => item.description),
      '2,5',
      '1 500,00 ₽',
      '3 750,00 ₽',
      '4 783,29 ₽',
      '956,66 ₽',
      '5 739,95 ₽',
    ])
      expect(text).toContain(expected);

    // Unchanged: the stored file is reused, not rendered again.
    const renderedAt = () =>
      services.invoice.runtime.db
        .knex('invoice_pdfs')
        .where({ invoice_id: invoice.id, language: 'ru' })
        .first<{ rendered_at: Date }>('rendered_at');
    const first = await renderedAt();
    await caller.ask('invoice.pdf', { invoiceId: invoice.id });
    expect((await renderedAt()).rendered_at).toEqual(first.rendered_at);
  });
});

describe("the PDF in its reader's language", () => {
  it('an English and a Russian copy of one invoice are two files; neither overwrites the other', async () => {
    const invoice = await caller.invoiceForNewTask('Two languages', ivan);
    const russian = await caller.ask('invoice.pdf', { invoiceId: invoice.id, language: 'ru' });
    const english = await caller.ask('invoice.pdf', { invoiceId: invoice.id, language: 'en' });
    expect(russian.storageKey).not.toBe(english.storageKey);
    const textOf = async (key: string) => pdfText((await services.invoice.storage.get(key))!.bytes);
    expect(await textOf(russian.storageKey)).toContain(`Счёт ${invoice.number}`);
    expect(await textOf(english.storageKey)).toContain(`Invoice ${invoice.number}`);
    expect(await textOf(english.storageKey)).toContain('Total due');
    // Asked for again in Russian: still the Russian file, not re-rendered in English.
    expect(await caller.ask('invoice.pdf', { invoiceId: invoice.id, language: 'ru' })).toEqual(russian);
    expect(await textOf(russian.storageKey)).toContain('Всего к оплате');
  });

  it("a reader's own language: chosen, else Telegram's, else the organization's", async () => {
    const invoice = await caller.invoiceForNewTask('Reader language', ivan);
    const sam = await caller.technician('Sam', IVAN_TELEGRAM + 7, 'en');
    expect((await caller.ask('invoice.pdf', { invoiceId: invoice.id, readerId: sam })).storageKey).toMatch(
      /\.en\.pdf$/,
    );
    await caller.ask('identity.update-user', { userId: sam, patch: { language: 'ru' } });
    expect((await caller.ask('invoice.pdf', { invoiceId: invoice.id, readerId: sam })).storageKey).toMatch(
      /\.ru\.pdf$/,
    );
    // Someone identity does not know reads the organization's language.
    const nobody = '0195f000-0000-7000-8000-00000000dead';
    expect((await caller.ask('invoice.pdf', { invoiceId: invoice.id, readerId: nobody })).storageKey).toMatch(
      /\.ru\.pdf$/,
    );
  });

  it('a technician whose Telegram speaks English gets an English PDF and caption in a Russian organization', async () => {
    const john = await caller.technician('John Tech', IVAN_TELEGRAM + 1, 'en');
    const invoice = await caller.invoiceForNewTask('Fix the boiler', john, {
      items: [{ description: 'Labour', quantity: 2, unitPrice: 1_234_567 }],
      dueDate: '2030-01-31',
    });
    await caller.ask('invoice.send', { invoiceId: invoice.id });
    const command = await telegram.next('tg.out', (d) => d.idempotencyKey === `invoice:${invoice.id}:send:1`);
    const year = invoice.number.split('-')[1]!;
    expect(command.data).toMatchObject({
      chatId: IVAN_TELEGRAM + 1,
      method: 'sendDocument',
      params: {
        document: {
          storageKey: `invoices/${year}/${invoice.number}.en.pdf`,
          fileName: `${invoice.number}.pdf`,
        },
        caption: `Invoice ${invoice.number}: 24,691.34\u00a0₽`,
      },
    });
    const text = await pdfText(
      (await services.invoice.storage.get(`invoices/${year}/${invoice.number}.en.pdf`))!.bytes,
    );
    for (const expected of [`Invoice ${invoice.number}`, 'Due date: 2030-01-31', 'Task #', 'Total due'])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/Счёт|Всего/);
  });
});

describe('sending and paying', () => {
  it('sends the PDF to the technician through the bot, then is paid', async () => {
    const task = await caller.completedTask('Прочистка вентиляции', ivan);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Прочистка', quantity: 1, unitPrice: 1_234_567 }],
      currency: 'RUB',
    });
    const sent = await caller.ask('invoice.send', { invoiceId: invoice.id });
    expect(sent.status).toBe('pending');
    expect(sent.sentAt).not.toBeNull();

    const command = await telegram.next('tg.out', (d) => d.idempotencyKey === `invoice:${invoice.id}:send:1`);
    expect(command.data).toMatchObject({
      chatId: IVAN_TELEGRAM,
      method: 'sendDocument',
      params: {
        document: {
          storageKey: `invoices/${invoice.number.split('-')[1]}/${invoice.number}.ru.pdf`,
          fileName: `${invoice.number}.pdf`,
        },
        caption: `Счёт ${invoice.number}: 12\u00a0345,67\u00a0₽`,
      },
    });
    const sentEvent = await events.next('invoice.sent', (d) => d.invoiceId === invoice.id);
    expect(sentEvent.data).toMatchObject({ recipientId: ivan, number: invoice.number, total: 1_234_567 });

    // A resend is allowed: still pending, a new command.
    expect((await caller.ask('invoice.send', { invoiceId: invoice.id })).status).toBe('pending');
    await telegram.next('tg.out', (d) => d.idempotencyKey === `invoice:${invoice.id}:send:2`);

    const paid = await caller.ask('invoice.change-status', { invoiceId: invoice.id, status: 'paid' });
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).not.toBeNull();
    const changed = await events.next('invoice.status-changed', (d) => d.invoiceId === invoice.id);
    expect(changed.data).toMatchObject({ from: 'pending', to: 'paid' });

    const again = await caller.refusal('invoice.change-status', {
      invoiceId: invoice.id,
      status: 'cancelled',
    });
    expect(again.code).toBe('conflict');
    expect(again.message).toBe(
      `invoice ${invoice.number} is paid: only a draft or pending invoice can become cancelled`,
    );
    const resend = await caller.refusal('invoice.send', { invoiceId: invoice.id });
    expect(resend.message).toBe(
      `invoice ${invoice.number} is paid: only a draft or pending invoice can be sent`,
    );
    expect((await caller.ask('invoice.list', { status: 'paid', taskId: task.id })).total).toBe(1);
  });

  it('refuses to mark a draft paid, and cancels it', async () => {
    const task = await caller.completedTask('Отменённая работа', ivan);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Работа', quantity: 1, unitPrice: 500 }],
      currency: 'USD',
    });
    const refusal = await caller.refusal('invoice.change-status', { invoiceId: invoice.id, status: 'paid' });
    expect(refusal.message).toBe(
      `invoice ${invoice.number} is draft: only a pending invoice can become paid`,
    );
    const cancelled = await caller.ask('invoice.change-status', {
      invoiceId: invoice.id,
      status: 'cancelled',
    });
    expect(cancelled.status).toBe('cancelled');
    await events.next(
      'invoice.status-changed',
      (d) => d.invoiceId === invoice.id && d.from === 'draft' && d.to === 'cancelled',
    );
  });

  it('refuses to send when the technician has no Telegram', async () => {
    const petr = await caller.technician('Пётр Без Телеграма', null);
    const task = await caller.completedTask('Без телеграма', petr);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Работа', quantity: 1, unitPrice: 500 }],
      currency: 'RUB',
    });
    const refusal = await caller.refusal('invoice.send', { invoiceId: invoice.id });
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toBe('the technician has not connected Telegram');
    expect((await caller.ask('invoice.get', { invoiceId: invoice.id })).status).toBe('draft');
  });

  it('deletes softly', async () => {
    const task = await caller.completedTask('Удаляемый счёт', ivan);
    const invoice = await caller.ask('invoice.create', {
      taskId: task.id,
      items: [{ description: 'Работа', quantity: 1, unitPrice: 500 }],
      currency: 'RUB',
    });
    expect(await caller.ask('invoice.delete', { invoiceId: invoice.id })).toEqual({ deleted: true });
    expect((await caller.refusal('invoice.get', { invoiceId: invoice.id })).code).toBe('not_found');
    expect((await caller.ask('invoice.list', { taskId: task.id })).total).toBe(0);
    await events.next('invoice.deleted', (d) => d.invoiceId === invoice.id);
  });
});
