// A client's waybill (S1-02): numbered without gaps, its PDF in the client's chat within seconds,
// once, listed, found and cancelled; the client's manager (S1-01) named in every event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '@fieldgram/contracts';
import { EventTap, pdfText, sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { INPUT, asClient, startServices, type Services, type WaybillCaller } from './support/harness.js';

const env = useTestEnv('waybill');
let services: Services;
let caller: WaybillCaller;
let events: EventTap;
let telegram: EventTap;
let manager: string;
let anna: string;
const ANNA_TELEGRAM = 710_100_200;
const YEAR = new Date().getUTCFullYear();
const NUMBER = new RegExp(`^WB-${YEAR}-\\d{6}$`);

beforeAll(async () => {
  telegram = await EventTap.open(env(), ['tg.out'], 'fg.tg');
  services = await startServices(env(), {
    ORG_NAME: 'ООО «Быстрая доставка»',
    ORG_DETAILS: 'ИНН 7701234567\\nМосква, ул. Складская, 7',
  });
  ({ caller, events } = services);
  manager = await caller.manager('Мария Менеджер');
  anna = await caller.client('Анна Клиентова', {
    telegramId: ANNA_TELEGRAM,
    languageCode: 'ru',
    managerId: manager,
  });
}, 60_000);
afterAll(async () => {
  await services?.stop();
  await telegram?.close();
});

const sendsOf = (waybillId: string) =>
  telegram.ofType('tg.out', (d) => d.idempotencyKey === `waybill:${waybillId}:pdf`);

describe('S1-02 creating a waybill', () => {
  it('numbers it WB-<year>-<6 digits>, keeps every field, and names the client’s manager (S1-01)', async () => {
    const waybill = await caller.create(anna);
    expect(waybill).toMatchObject({ ...INPUT, clientId: anna, status: 'created', cancelledAt: null });
    expect(waybill.number).toMatch(NUMBER);
    expect(await caller.ask('waybill.get', { waybillId: waybill.id })).toEqual(waybill);
    const created = await events.next('waybill.created', (d) => d.waybillId === waybill.id);
    expect(created.data).toEqual({
      waybillId: waybill.id,
      number: waybill.number,
      clientId: anna,
      managerId: manager,
      cargo: INPUT.cargo,
      weightKg: 12.5,
      pickupAddress: INPUT.pickupAddress,
      deliveryAddress: INPUT.deliveryAddress,
    });
    expect(created.partitionKey).toBe(`waybill:${waybill.id}`);
  });

  it('sends the PDF to the client’s chat within seconds, in their language, with every field', async () => {
    const started = Date.now();
    const waybill = await caller.create(anna, { weightKg: 1234.567, paymentMethod: 'bank_transfer' });
    const command = await telegram.next('tg.out', (d) => d.idempotencyKey === `waybill:${waybill.id}:pdf`);
    const elapsed = Date.now() - started;
    const storageKey = `waybills/${YEAR}/${waybill.number}.ru.pdf`;
    expect(command.data).toEqual({
      idempotencyKey: `waybill:${waybill.id}:pdf`,
      chatId: ANNA_TELEGRAM,
      method: 'sendDocument',
      params: {
        document: { storageKey, fileName: `${waybill.number}.pdf` },
        caption: `Накладная ${waybill.number}`,
      },
      messageKey: `waybill:${waybill.id}:pdf`,
    });
    expect(elapsed).toBeLessThan(5_000);
    const sent = await events.next('waybill.pdf-sent', (d) => d.waybillId === waybill.id);
    expect(sent.data).toEqual({
      waybillId: waybill.id,
      number: waybill.number,
      clientId: anna,
      managerId: manager,
      delivered: true,
    });

    const text = await pdfText((await services.waybill.storage.get(storageKey))!.bytes);
    for (const expected of [
      'ООО «Быстрая доставка»',
      'ИНН 7701234567',
      `Накладная ${waybill.number}`,
      `Дата: ${new Date().toISOString().slice(0, 10).split('-').reverse().join('.')}`,
      'Описание груза',
      INPUT.cargo,
      'Вес 1 234,567 кг',
      'Габариты (Д × Ш × В) 120 × 80 × 60,5 см',
      `Адрес отправки ${INPUT.pickupAddress}`,
      `Адрес получения ${INPUT.deliveryAddress}`,
      'Способ оплаты Безналичный перевод',
    ])
      expect(text).toContain(expected);
    console.log(`S1-02 confirm → tg.out sendDocument in ${elapsed} ms`);
  });

  it('sends an English PDF and caption to a client whose Telegram speaks English', async () => {
    const john = await caller.client('John Client', { telegramId: 710_100_300, languageCode: 'en-US' });
    const waybill = await caller.create(john, { cargo: 'Two boxes of books', paymentMethod: 'sender_cash' });
    const command = await telegram.next('tg.out', (d) => d.idempotencyKey === `waybill:${waybill.id}:pdf`);
    const storageKey = `waybills/${YEAR}/${waybill.number}.en.pdf`;
    expect(command.data).toMatchObject({
      chatId: 710_100_300,
      params: { document: { storageKey }, caption: `Waybill ${waybill.number}` },
    });
    const text = await pdfText((await services.waybill.storage.get(storageKey))!.bytes);
    for (const expected of [
      `Waybill ${waybill.number}`,
      'Cargo description Two boxes of books',
      'Weight 12.5 kg',
      'Dimensions (L × W × H) 120 × 80 × 60.5 cm',
      'Payment method Sender pays in cash',
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/Накладная|Способ оплаты/);
    // No manager yet: the events say so.
    expect((await events.next('waybill.pdf-sent', (d) => d.waybillId === waybill.id)).data).toMatchObject({
      managerId: null,
      delivered: true,
    });
  });

  it('tells that a client without Telegram got no PDF (delivered: false), sending nothing', async () => {
    const offline = await caller.client('Олег Без Телеграма', { managerId: manager });
    const waybill = await caller.create(offline);
    const sent = await events.next('waybill.pdf-sent', (d) => d.waybillId === waybill.id);
    expect(sent.data).toMatchObject({ delivered: false, managerId: manager });
    await sleep(300);
    expect(sendsOf(waybill.id)).toHaveLength(0);
    expect(
      await services.outboxCount('tg.out', { field: 'idempotencyKey', value: `waybill:${waybill.id}:pdf` }),
    ).toBe(0);
  });

  it('answers a repeated confirm (the same requestId) with the same waybill, made once', async () => {
    const requestId = newMessageId();
    const first = await caller.create(anna, {}, requestId);
    const again = await caller.create(anna, {}, requestId);
    const atOnce = await Promise.all(Array.from({ length: 5 }, () => caller.create(anna, {}, requestId)));
    for (const answer of [again, ...atOnce]) expect(answer).toEqual(first);
    expect(await services.outboxCount('waybill.created', { field: 'waybillId', value: first.id })).toBe(1);

    // Concurrent first confirms of one request, too.
    const concurrentId = newMessageId();
    const racing = await Promise.all(Array.from({ length: 5 }, () => caller.create(anna, {}, concurrentId)));
    expect(new Set(racing.map((w) => w.id)).size).toBe(1);
    expect(await services.outboxCount('waybill.created', { field: 'waybillId', value: racing[0]!.id })).toBe(
      1,
    );
  });

  it('refuses other data under a used requestId, naming what differs', async () => {
    const requestId = newMessageId();
    const first = await caller.create(anna, {}, requestId);
    const refusal = await caller.refusal('waybill.create', {
      ...INPUT,
      weightKg: 13,
      clientId: anna,
      requestId,
    });
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toBe(
      `request ${requestId} already made waybill ${first.number} with other weightKg: a new waybill needs a new requestId`,
    );
  });

  it('numbers 20 waybills confirmed at once consecutively, without duplicates or gaps', async () => {
    const bulk = await caller.client('Оптовый Клиент', { managerId: manager });
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => caller.create(bulk, { cargo: `Партия ${i}` })),
    );
    const seqs = made.map((w) => Number(w.number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs[19]! - seqs[0]!).toBe(19);
    const listed = await caller.ask('waybill.list', { clientId: bulk, pageSize: 100 });
    expect(listed.total).toBe(20);
    // Newest first: by number, descending.
    expect(listed.items.map((w) => Number(w.number.split('-')[2]))).toEqual([...seqs].reverse());
  });
});

describe('S1-02 refusals, each saying why', () => {
  it('a person who is not an active client, on clientId', async () => {
    const unknown = await caller.refusal('waybill.create', {
      ...INPUT,
      clientId: newMessageId(),
      requestId: 'r1',
    });
    expect(unknown).toMatchObject({ code: 'validation', details: { field: 'clientId' } });
    expect(unknown.message).toMatch(/^clientId: nobody with id .* is known$/);

    const staff = await caller.refusal('waybill.create', { ...INPUT, clientId: manager, requestId: 'r2' });
    expect(staff.message).toBe(
      'clientId: Мария Менеджер is a manager, not a client: a waybill is made for a client',
    );

    const blocked = await caller.person({ role: 'client', name: 'Блокированный Клиент', active: false });
    const inactive = await caller.refusal('waybill.create', { ...INPUT, clientId: blocked, requestId: 'r3' });
    expect(inactive.message).toBe(
      'clientId: Блокированный Клиент is deactivated: a blocked client cannot make waybills',
    );
  });

  it('a payment method the organization does not offer, on paymentMethod', async () => {
    const refusal = await caller.refusal('waybill.create', {
      ...INPUT,
      paymentMethod: 'crypto',
      clientId: anna,
      requestId: newMessageId(),
    });
    expect(refusal).toMatchObject({ code: 'validation', details: { field: 'paymentMethod' } });
    expect(refusal.message).toBe(
      'paymentMethod: "crypto" is not a payment method of this organization (sender_cash, receiver_cash, card, bank_transfer)',
    );
  });

  it('ranges out of bounds: the contract refuses them before they leave, naming the field', async () => {
    // The service checks them again itself (src/domain/waybill-rules.test.ts).
    const failure = await services.caller
      .ask('waybill.create', {
        ...INPUT,
        weightKg: -3,
        clientId: anna,
        requestId: newMessageId(),
      })
      .then(
        () => null,
        (error: unknown) => error as Error,
      );
    expect(failure?.message).toMatch(/weightKg/);
  });

  it('a client asking for another client: forbidden to create, nothing to see', async () => {
    const other = await caller.client('Чужой Клиент', { managerId: manager });
    const theirs = await caller.create(other);
    const forbidden = await caller.refusal(
      'waybill.create',
      { ...INPUT, clientId: other, requestId: newMessageId() },
      asClient(anna),
    );
    expect(forbidden).toMatchObject({
      code: 'forbidden',
      message: 'a client makes waybills for themselves only',
    });
    const notFound = await caller.refusal('waybill.get', { waybillId: theirs.id }, asClient(anna));
    expect(notFound).toMatchObject({ code: 'not_found', message: `no waybill ${theirs.id}` });
    expect(await caller.ask('waybill.find', { number: theirs.number }, asClient(anna))).toEqual({
      waybill: null,
    });
    expect((await caller.refusal('waybill.pdf', { waybillId: theirs.id }, asClient(anna))).code).toBe(
      'not_found',
    );
    expect((await caller.refusal('waybill.cancel', { waybillId: theirs.id }, asClient(anna))).code).toBe(
      'not_found',
    );
    const listed = await caller.ask('waybill.list', { clientId: other }, asClient(anna));
    expect(listed).toMatchObject({ total: 0, items: [] });
    // Their own, as themselves.
    expect(await caller.ask('waybill.get', { waybillId: theirs.id }, asClient(other))).toEqual(theirs);
  });

  it('an unknown waybill is not found, whatever the id looks like', async () => {
    for (const waybillId of [newMessageId(), 'not-a-uuid'])
      expect(await caller.refusal('waybill.get', { waybillId })).toMatchObject({
        code: 'not_found',
        message: `no waybill ${waybillId}`,
      });
  });
});

describe('S1-02 finding and listing', () => {
  let lena: string;
  let kirill: string;
  let made: Awaited<ReturnType<WaybillCaller['create']>>[];

  beforeAll(async () => {
    lena = await caller.client('Лена Поиск', { managerId: manager });
    kirill = await caller.client('Кирилл Поиск');
    made = [];
    made.push(
      await caller.create(lena, { cargo: 'Холодильник Bosch', deliveryAddress: 'Самара, ул. Победы, 5' }),
    );
    made.push(await caller.create(lena, { cargo: 'Диван угловой', pickupAddress: 'Тула, пр. Ленина, 100%' }));
    made.push(await caller.create(kirill, { cargo: 'Велосипед горный' }));
    made.push(await caller.create(lena, { cargo: 'Коробки с книгами' }));
  });

  it('finds a waybill by its number, whatever the case; none for an unknown one', async () => {
    const [first] = made;
    expect(await caller.ask('waybill.find', { number: first!.number.toLowerCase() })).toEqual({
      waybill: first,
    });
    expect(await caller.ask('waybill.find', { number: ` ${first!.number} ` })).toEqual({ waybill: first });
    expect(await caller.ask('waybill.find', { number: 'WB-1999-000001' })).toEqual({ waybill: null });
  });

  it('lists a client’s, newest first, paged', async () => {
    const page1 = await caller.ask('waybill.list', { clientId: lena, pageSize: 2 });
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items.map((w) => w.id)).toEqual([made[3]!.id, made[1]!.id]);
    const page2 = await caller.ask('waybill.list', { clientId: lena, pageSize: 2, page: 2 });
    expect(page2.items.map((w) => w.id)).toEqual([made[0]!.id]);
    expect((await caller.ask('waybill.list', { clientId: lena, pageSize: 2, page: 3 })).items).toEqual([]);
  });

  it('narrows to a manager’s clients (clientIds); an empty list matches nothing', async () => {
    const both = await caller.ask('waybill.list', { clientIds: [lena, kirill], pageSize: 100 });
    expect(both.total).toBe(4);
    expect((await caller.ask('waybill.list', { clientIds: [kirill] })).items.map((w) => w.id)).toEqual([
      made[2]!.id,
    ]);
    expect(await caller.ask('waybill.list', { clientIds: [] })).toMatchObject({ total: 0, items: [] });
  });

  it('searches the number, cargo and addresses, case-insensitively and literally', async () => {
    const search = async (q: string) =>
      (await caller.ask('waybill.list', { clientIds: [lena, kirill], q })).items.map((w) => w.id);
    expect(await search('bosch')).toEqual([made[0]!.id]);
    expect(await search('САМАРА')).toEqual([made[0]!.id]);
    expect(await search('тула')).toEqual([made[1]!.id]);
    expect(await search('100%')).toEqual([made[1]!.id]);
    expect(await search('%')).toEqual([made[1]!.id]);
    expect(await search(made[2]!.number.toLowerCase())).toEqual([made[2]!.id]);
    expect(await search('нет такого')).toEqual([]);
  });

  it('filters by the days of creation, both ends included; a reversed range is refused', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const count = async (range: { from?: string; to?: string }) =>
      (await caller.ask('waybill.list', { clientId: lena, ...range })).total;
    expect(await count({ from: today, to: today })).toBe(3);
    expect(await count({ from: yesterday })).toBe(3);
    expect(await count({ to: yesterday })).toBe(0);
    expect(await count({ from: tomorrow })).toBe(0);
    const reversed = await caller.refusal('waybill.list', { from: today, to: yesterday });
    expect(reversed).toMatchObject({ code: 'validation', details: { field: 'from' } });
    expect(reversed.message).toBe(`from: ${today} is after to (${yesterday})`);
  });

  it('lists the organization’s payment methods with their labels', async () => {
    const { methods } = await caller.ask('waybill.payment-methods', {});
    expect(methods.map((m) => m.code)).toEqual(['sender_cash', 'receiver_cash', 'card', 'bank_transfer']);
    expect(methods[2]).toEqual({ code: 'card', label: { en: 'Card', ru: 'Картой' } });
  });
});

describe('S1-02 cancelling', () => {
  it('created → cancelled once, naming the manager; the PDF then carries the stamp', async () => {
    const waybill = await caller.create(anna);
    const cancelled = await caller.ask('waybill.cancel', { waybillId: waybill.id });
    expect(cancelled).toMatchObject({ id: waybill.id, status: 'cancelled' });
    expect(cancelled.cancelledAt).not.toBeNull();
    const event = await events.next('waybill.cancelled', (d) => d.waybillId === waybill.id);
    expect(event.data).toEqual({
      waybillId: waybill.id,
      number: waybill.number,
      clientId: anna,
      managerId: manager,
    });

    const again = await caller.refusal('waybill.cancel', { waybillId: waybill.id });
    expect(again.code).toBe('conflict');
    expect(again.message).toBe(`waybill ${waybill.number} is already cancelled (${cancelled.cancelledAt})`);
    expect(await services.outboxCount('waybill.cancelled', { field: 'waybillId', value: waybill.id })).toBe(
      1,
    );

    const pdf = await caller.ask('waybill.pdf', { waybillId: waybill.id, language: 'en' });
    expect(pdf).toEqual({
      storageKey: `waybills/${YEAR}/${waybill.number}.cancelled.en.pdf`,
      fileName: `${waybill.number}.pdf`,
      contentType: 'application/pdf',
    });
    expect(await pdfText((await services.waybill.storage.get(pdf.storageKey))!.bytes)).toContain('CANCELLED');
  });

  it('two cancels at once: one cancels, the other is told it already is', async () => {
    const waybill = await caller.create(anna);
    const outcomes = await Promise.allSettled(
      [1, 2].map(() => caller.ask('waybill.cancel', { waybillId: waybill.id })),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await services.outboxCount('waybill.cancelled', { field: 'waybillId', value: waybill.id })).toBe(
      1,
    );
  });

  it('a client may cancel their own', async () => {
    const waybill = await caller.create(anna);
    expect(await caller.ask('waybill.cancel', { waybillId: waybill.id }, asClient(anna))).toMatchObject({
      status: 'cancelled',
    });
  });
});

describe('S1-02 the PDF on request', () => {
  it('in the language asked for, else the reader’s, else the organization’s; rendered once per language', async () => {
    const waybill = await caller.create(anna);
    const english = await caller.ask('waybill.pdf', { waybillId: waybill.id, language: 'en' });
    expect(english.storageKey).toBe(`waybills/${YEAR}/${waybill.number}.en.pdf`);
    const reader = await caller.client('Reader', { languageCode: 'en' });
    expect((await caller.ask('waybill.pdf', { waybillId: waybill.id, readerId: reader })).storageKey).toBe(
      english.storageKey,
    );
    expect((await caller.ask('waybill.pdf', { waybillId: waybill.id })).storageKey).toBe(
      `waybills/${YEAR}/${waybill.number}.ru.pdf`,
    );
    const before = (await services.waybill.storage.get(english.storageKey))!.bytes;
    await caller.ask('waybill.pdf', { waybillId: waybill.id, language: 'en' });
    expect((await services.waybill.storage.get(english.storageKey))!.bytes.equals(before)).toBe(true);
  });
});

describe('S1-02 the PDF reaches the chat once', () => {
  it('a redelivered waybill.created, or another one for the same waybill, sends nothing more', async () => {
    const waybill = await caller.create(anna);
    await events.next('waybill.pdf-sent', (d) => d.waybillId === waybill.id);
    const created = await events.next('waybill.created', (d) => d.waybillId === waybill.id);
    const { publisher } = services.waybill.runtime;
    // The same envelope again (a redelivery: the inbox knows it) …
    await publisher.publishEnvelope('fg.events', 'waybill.created', created);
    // … and a new one about the same waybill (the waybill knows its PDF went out).
    await publisher.publishEnvelope('fg.events', 'waybill.created', { ...created, id: newMessageId() });
    await sleep(1_000);
    expect(sendsOf(waybill.id)).toHaveLength(1);
    expect(
      await services.outboxCount('tg.out', { field: 'idempotencyKey', value: `waybill:${waybill.id}:pdf` }),
    ).toBe(1);
    expect(await services.outboxCount('waybill.pdf-sent', { field: 'waybillId', value: waybill.id })).toBe(1);
  });

  it('PDFs pending when the service stops are sent, once each, by the next instance', async () => {
    const pending = await Promise.all(Array.from({ length: 5 }, () => caller.create(anna)));
    await services.waybill.runtime.stop();
    await services.startAnother();
    await waitFor(
      async () => {
        for (const waybill of pending)
          if (
            (await services.outboxCount('tg.out', {
              field: 'idempotencyKey',
              value: `waybill:${waybill.id}:pdf`,
            })) !== 1
          )
            return false;
        return true;
      },
      { message: 'every pending PDF sent', timeoutMs: 20_000 },
    );
    await sleep(500);
    for (const waybill of pending) expect(sendsOf(waybill.id)).toHaveLength(1);
    // The next instance answers, too.
    const next = await caller.create(anna);
    expect(next.number).toMatch(NUMBER);
  });
});
