// The client's waybills (issue 13, S1-02, S1-08), end to end: the Telegram sandbox → the real
// bot-gateway, identity and conversation on RabbitMQ and Redis; the waybill service is a double
// at the bus boundary answering its contract (services/waybill is written concurrently).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv } from '@fieldgram/testkit';
import { LocalDirectoryStorage } from '@fieldgram/platform';
import { t } from '@fieldgram/bot-ui';
import type { Waybill } from '@fieldgram/contracts';
import { ChatPerson, dataOf, labelsOf, textOf } from './support/chat-person.js';
import { FrontDoorStack } from './support/stack.js';
import { WaybillDouble } from './support/waybill-double.js';

const env = useTestEnv('conversation-waybills');
let stack: FrontDoorStack;
let waybills: WaybillDouble;
let storage: LocalDirectoryStorage;

/** What the waybill service does after a create: its PDF in storage, sent to the client's chat. */
async function sendPdf(waybill: Waybill): Promise<void> {
  await storage.put(
    WaybillDouble.pdfKey(waybill),
    Buffer.from(`%PDF-1.4 ${waybill.number}`),
    'application/pdf',
  );
  const client = await stack.ask('identity.get-user', { userId: waybill.clientId });
  await stack.conversation.runtime.publish('tg.out', {
    idempotencyKey: `waybill:${waybill.id}:pdf`,
    chatId: client.telegramId!,
    method: 'sendDocument',
    params: { document: { storageKey: WaybillDouble.pdfKey(waybill), fileName: `${waybill.number}.pdf` } },
  });
}

beforeAll(async () => {
  storage = new LocalDirectoryStorage(await mkdtemp(path.join(tmpdir(), 'fg-waybills-')));
  stack = await FrontDoorStack.start(env(), { orgLanguage: 'en', storage });
  waybills = await WaybillDouble.start(env(), sendPdf);
});
afterAll(async () => {
  await waybills?.stop();
  await stack?.stop();
});

const STALE = t('en', 'callback.stale');
const step = (n: number, key: Parameters<typeof t>[1]) =>
  `Step ${n}/6\n${t('en', key as 'waybill.ask.cargo')}`;
const fileNameOf = (event: { message?: { document?: { file_name?: string } } }) =>
  event.message?.document?.file_name;

describe('a new waybill (S1-02, S1-08)', () => {
  it('S1-02/S1-08: from the menu tap to its PDF in 8 user actions (≤ 9): six answers, a payment tap, Confirm', async () => {
    const ann = await ChatPerson.join(stack, 'Ann');
    const cargo = await ann.tapMenu('📦 New waybill');
    expect(textOf(cargo)).toBe(step(1, 'waybill.ask.cargo'));
    expect(labelsOf(cargo)).toEqual(['✖️ Cancel']);
    expect(textOf(await ann.type('2 boxes of books'))).toBe(step(2, 'waybill.ask.weight'));
    expect(textOf(await ann.type('12,5'))).toBe(step(3, 'waybill.ask.size'));
    expect(textOf(await ann.type('120 × 80 × 60 см'))).toBe(step(4, 'waybill.ask.pickup'));
    expect(textOf(await ann.type('Moscow, 5 Lenina St, office 12'))).toBe(step(5, 'waybill.ask.delivery'));
    const payment = await ann.type('Kazan, 10 Baumana St');
    expect(textOf(payment)).toBe(step(6, 'waybill.ask.payment'));
    expect(labelsOf(payment)).toEqual([
      'Sender pays cash',
      'Receiver pays cash',
      'Card',
      'Bank transfer',
      '⬅️ Back',
      '✖️ Cancel',
    ]);
    await ann.tap(payment, 'Card');
    const summary = await ann.reply();
    expect(textOf(summary)).toBe(
      [
        'Please check, then confirm:',
        'Cargo: 2 boxes of books',
        'Weight: 12.5 kg',
        'Dimensions: 120 × 80 × 60 cm',
        'Pickup address: Moscow, 5 Lenina St, office 12',
        'Delivery address: Kazan, 10 Baumana St',
        'Payment: Card',
      ].join('\n'),
    );
    await ann.tap(summary, '✅ Confirm');
    const [created, pdf] = await ann.replies(2);
    const clientId = await ann.userId;
    const [waybill, ...more] = [...waybills.waybills.values()].filter((w) => w.clientId === clientId);
    expect(more).toEqual([]);
    expect(textOf(created)).toBe(t('en', 'waybill.created', { number: waybill!.number }));
    expect(fileNameOf(pdf!)).toBe(`${waybill!.number}.pdf`);
    expect(ann.actions).toBe(8);
    expect(ann.actions).toBeLessThanOrEqual(9);

    const [create] = waybills.callsOf('waybill.create').filter((call) => call.data.clientId === clientId);
    expect(create).toMatchObject({
      data: {
        cargo: '2 boxes of books',
        weightKg: 12.5,
        lengthCm: 120,
        widthCm: 80,
        heightCm: 60,
        pickupAddress: 'Moscow, 5 Lenina St, office 12',
        deliveryAddress: 'Kazan, 10 Baumana St',
        paymentMethod: 'card',
        clientId,
        requestId: dataOf(summary, '✅ Confirm').split(':')[2],
      },
      actor: { kind: 'user', userId: clientId, role: 'client' },
    });
    expect(await stack.conversation.sessions.get(ann.tg.id)).not.toHaveProperty('wizard');
  });

  it('S1-02/S1-08: invalid answers re-asked with an example and nothing lost; a photo where text is expected; an edit from the summary', async () => {
    const bob = await ChatPerson.join(stack, 'Bob');
    await bob.tapMenu('📦 New waybill');
    await bob.type('Furniture');
    const weightAgain = t('en', 'waybill.invalid.weight');
    for (const wrong of ['abc', '0', '-3'])
      expect(textOf(await bob.type(wrong)), wrong).toBe(`${weightAgain}\n\n${step(2, 'waybill.ask.weight')}`);
    expect(textOf(await bob.sendPhoto())).toBe(
      `${t('en', 'wizard.invalid.text')}\n\n${step(2, 'waybill.ask.weight')}`,
    );
    await bob.type('12.5');
    for (const wrong of ['120x80', 'big', '120x80x60 km'])
      expect(textOf(await bob.type(wrong)), wrong).toBe(
        `${t('en', 'waybill.invalid.size')}\n\n${step(3, 'waybill.ask.size')}`,
      );
    await bob.type('1.2x0.8x0.6 м');
    expect(textOf(await bob.type('Moscow'))).toBe(
      `${t('en', 'waybill.invalid.address')}\n\n${step(4, 'waybill.ask.pickup')}`,
    );
    await bob.type('Moscow, 5 Lenina St');
    const payment = await bob.type('Kazan, 10 Baumana St');
    await bob.tap(payment, 'Bank transfer');
    const summary = await bob.reply();
    expect(textOf(summary)).toContain('Cargo: Furniture\nWeight: 12.5 kg\nDimensions: 120 × 80 × 60 cm');

    await bob.tap(summary, '✏️ Weight');
    expect(textOf(await bob.reply())).toBe(`${step(2, 'waybill.ask.weight')}\nNow: 12.5 kg`);
    const edited = await bob.type('14');
    expect(textOf(edited)).toBe(
      [
        'Please check, then confirm:',
        'Cargo: Furniture',
        'Weight: 14 kg',
        'Dimensions: 120 × 80 × 60 cm',
        'Pickup address: Moscow, 5 Lenina St',
        'Delivery address: Kazan, 10 Baumana St',
        'Payment: Bank transfer',
      ].join('\n'),
    );
    await bob.tap(edited, '✅ Confirm');
    await bob.replies(2);
    const clientId = await bob.userId;
    expect(waybills.callsOf('waybill.create').filter((c) => c.data.clientId === clientId)).toMatchObject([
      { data: { cargo: 'Furniture', weightKg: 14, lengthCm: 120, paymentMethod: 'bank_transfer' } },
    ]);
  });

  it('S1-02: a double Confirm makes one waybill: the second tap is stale; a redelivered Confirm asks again with the same request id and is answered the same, nothing sent twice', async () => {
    const cat = await ChatPerson.join(stack, 'Cat');
    await cat.tapMenu('📦 New waybill');
    let payment = await cat.type('Tyres');
    for (const answer of ['40', '70x70x90', 'Moscow, 1 Tverskaya St', 'Tula, 2 Lenina St'])
      payment = await cat.type(answer);
    await cat.tap(payment, 'Card');
    const summary = await cat.reply();
    const before = await stack.conversation.sessions.get(cat.tg.id);
    expect(before?.wizard?.step).toBe(6);

    await cat.tap(summary, '✅ Confirm');
    const confirmUpdate = cat.lastPress!;
    const [created] = await cat.replies(2);
    expect(await cat.pressData(summary, dataOf(summary, '✅ Confirm'))).toBe(STALE);
    const clientId = await cat.userId;
    const creates = () => waybills.callsOf('waybill.create').filter((c) => c.data.clientId === clientId);
    expect(creates()).toHaveLength(1);

    // The first Confirm handled, but its session not saved (a crash): the same update again.
    const confirm = await stack.tap.find('tg.in.callback', confirmUpdate);
    await stack.conversation.sessions.set(cat.tg.id, before!);
    await stack.tap.republish(confirm);
    await waitForCalls(() => creates().length === 2);
    expect(creates()[1]!.data.requestId).toBe(creates()[0]!.data.requestId);
    expect([...waybills.waybills.values()].filter((w) => w.clientId === clientId)).toHaveLength(1);
    await sleep(500);
    expect(cat.unread()).toBe(0);
    expect(textOf(created)).toMatch(/^✅ Waybill WB-2026-\d{6} created/);
  });

  it('S1-02/S1-08: a restart of conversation mid-wizard resumes at the same step, its payment buttons still meaning the same', async () => {
    const dan = await ChatPerson.join(stack, 'Dan');
    await dan.tapMenu('📦 New waybill');
    await dan.type('Bicycle');
    const size = await dan.type('15');
    expect(textOf(size)).toBe(step(3, 'waybill.ask.size'));

    await stack.restartConversation();
    expect(textOf(await dan.type('180*30*100'))).toBe(step(4, 'waybill.ask.pickup'));
    await dan.type('Moscow, 5 Lenina St');
    const payment = await dan.type('Kazan, 10 Baumana St');
    await stack.restartConversation();
    await dan.tap(payment, 'Receiver pays cash');
    const summary = await dan.reply();
    expect(textOf(summary)).toContain('Weight: 15 kg\nDimensions: 180 × 30 × 100 cm');
    expect(textOf(summary)).toContain('Payment: Receiver pays cash');
    await dan.tap(summary, '✅ Confirm');
    expect(textOf((await dan.replies(2))[0])).toMatch(/^✅ Waybill WB-/);
  });
});

describe('my waybills (S1-02)', () => {
  it('S1-02: the client’s own, newest first, 10 a page; one opens with its fields and its PDF again; another client’s forged button is stale and reveals nothing', async () => {
    const eve = await ChatPerson.join(stack, 'Eve');
    const eveId = await eve.userId;
    const own = Array.from({ length: 12 }, (_, n) => waybills.add(eveId, { cargo: `Parcel ${n + 1}` }));
    const stranger = waybills.add('someone-else', { cargo: 'Secret cargo' });
    const newest = [...own].reverse();

    const first = await eve.tapMenu('🗂 My waybills');
    expect(textOf(first)).toBe(t('en', 'waybill.list.title', { total: 12 }));
    const labels = labelsOf(first);
    expect(labels.slice(0, 10).map((label) => label.split(' · ')[0])).toEqual(
      newest.slice(0, 10).map((w) => w.number),
    );
    expect(labels.slice(10)).toEqual(['1/2', 'Next ›']);
    expect(labels.join()).not.toContain('Secret cargo');
    await eve.tap(first, 'Next ›');
    const second = await eve.reply();
    expect(
      labelsOf(second)
        .slice(0, 2)
        .map((label) => label.split(' · ')[0]),
    ).toEqual(newest.slice(10).map((w) => w.number));
    expect(waybills.callsOf('waybill.list').at(-1)).toMatchObject({
      data: { clientId: eveId, page: 2, pageSize: 10 },
      actor: { userId: eveId, role: 'client' },
    });

    const opened = own[3]!;
    await storage.put(WaybillDouble.pdfKey(opened), Buffer.from('%PDF-1.4 again'), 'application/pdf');
    await eve.tap(first, labels[8]!);
    const [card, pdf] = await eve.replies(2);
    expect(textOf(card)).toContain(`📦 Waybill ${opened.number} of`);
    expect(textOf(card)).toContain('Cargo: Parcel 4\nWeight: 12.5 kg\nDimensions: 120 × 80 × 60 cm');
    expect(textOf(card)).toContain('Payment: Card\nStatus: created');
    expect(fileNameOf(pdf!)).toBe(`${opened.number}.pdf`);
    expect(waybills.callsOf('waybill.pdf').at(-1)).toMatchObject({
      data: { waybillId: opened.id, readerId: eveId },
    });

    const forged = await eve.forge(`wb:open:${stranger.id}`);
    expect(await eve.pressData(forged, `wb:open:${stranger.id}`)).toBe(STALE);
    const gone = await eve.forge('wb:open:0194f1a2-0000-7000-8000-000000000000');
    expect(await eve.pressData(gone, 'wb:open:0194f1a2-0000-7000-8000-000000000000')).toBe(STALE);
    await sleep(500);
    expect(eve.unread()).toBe(0);
    expect(waybills.callsOf('waybill.pdf').filter((c) => c.data.waybillId === stranger.id)).toEqual([]);
  });
});

async function waitForCalls(done: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !done(); tries++) await sleep(100);
  expect(done()).toBe(true);
}
