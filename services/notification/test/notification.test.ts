// Notification: rules → feed items (+ notification.created) and Telegram pushes (tg.out), a
// delivery log, exactly once per event; the feed over request/reply (issue 4; S0-05, S0-13, S2-03).
// identity is played here by a TEST DOUBLE at the bus boundary (IdentityDouble: real request/reply,
// answering the contract), so each test sets exactly the people it needs (languages, Telegram or
// not, inactive, 130 admins); the same flow against the real identity: with-identity.test.ts.
// bot-gateway's outcomes are published here as bot-gateway would; the real gateway and the
// Telegram sandbox: telegram-delivery.test.ts.
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import { RemoteError } from '@fieldgram/platform';
import type { DataInput, FeedItem, Messages } from '@fieldgram/contracts';
import type { NotificationService } from '../src/service.js';
import { listDeliveries } from '../src/store/delivery-store.js';
import {
  BusPeer,
  consumedCount,
  IdentityDouble,
  notificationDb,
  person,
  startNotification,
  waitFor,
} from './support/notification-harness.js';

const env = useTestEnv('notification');
let service: NotificationService;
let identity: IdentityDouble;
let bus: BusPeer;
let db: Knex;

// Two admins: one linked Telegram (Russian), one did not (English).
const olga = person({ role: 'admin', name: 'Ольга', telegramId: 7001, languageCode: 'ru' });
const jack = person({ role: 'admin', name: 'Jack', languageCode: 'en-GB' });
const retired = person({ role: 'admin', name: 'Retired', telegramId: 7009, active: false });
const manager = person({ role: 'manager', name: 'Mona', telegramId: 7002 });

beforeAll(async () => {
  identity = await IdentityDouble.start(env());
  bus = await BusPeer.open(env());
  service = await startNotification(env());
  db = notificationDb(env());
});
afterAll(async () => {
  await service?.runtime.stop();
  await bus?.close();
  await identity?.stop();
  await db?.destroy();
});
beforeEach(() => {
  identity.people = [olga, jack, retired, manager];
});

function registered(fields: Partial<DataInput<Messages, 'user.registered'>> = {}) {
  const technician = person({ role: 'technician', name: 'Иван Петров', telegramId: 5001 });
  return {
    userId: technician.id,
    role: 'technician' as const,
    name: technician.name,
    telegramId: technician.telegramId,
    username: 'ivan',
    profileLink: 'https://t.me/ivan',
    via: 'invite' as const,
    ...fields,
  };
}

const itemsAbout = (subject: string) =>
  db.table('feed_items').where({ subject }).orderBy('recipient_id').select<Record<string, unknown>[]>('*');

async function feedOf(recipientId: string, subject: string): Promise<FeedItem> {
  const page = await bus.rpc.request('notification.list', { recipientId, pageSize: 100 });
  const item = page.items.find((candidate) => candidate.subject === subject);
  if (!item) throw new Error(`no item about ${subject} in ${recipientId}'s feed`);
  return item;
}

describe('notification', () => {
  it('a technician joining → a feed item with sound for every active admin, a push to the one on Telegram', async () => {
    const data = registered();
    const subject = `user:${data.userId}`;
    await bus.publish('identity', 'user.registered', data);
    await waitFor(async () => (await itemsAbout(subject)).length === 2, { message: 'two feed items' });

    // The feed, as the api-gateway reads it: each admin in their language, with sound and the review action.
    expect(await feedOf(olga.id, subject)).toMatchObject({
      recipientId: olga.id,
      type: 'user.registered',
      text: 'Добавлен новый техник (Иван Петров)',
      sound: true,
      read: false,
      actions: [{ label: 'Проверить / изменить', href: `/api/v1/users/${data.userId}` }],
    });
    expect(await feedOf(jack.id, subject)).toMatchObject({
      text: 'New technician added (Иван Петров)',
      sound: true,
      actions: [{ label: 'Review / edit', href: `/api/v1/users/${data.userId}` }],
    });

    // One notification.created per admin (for their live streams), equal to the stored item.
    const created = await waitFor(
      () => {
        const seen = bus.ofType('notification.created', (d) => d.subject === subject);
        return seen.length === 2 && seen;
      },
      { message: 'two notification.created events' },
    );
    expect(created.map((e) => e.data.recipientId).sort()).toEqual([olga.id, jack.id].sort());
    expect(created.find((e) => e.data.recipientId === jack.id)!.data).toEqual(await feedOf(jack.id, subject));
    expect(created[0]!.partitionKey).toMatch(/^feed:/);

    // One Telegram push, to the admin who linked Telegram, logged as pending until bot-gateway reports.
    const [push, ...more] = await waitFor(
      () => bus.ofType('tg.out', (d) => d.chatId === olga.telegramId).length > 0 && bus.ofType('tg.out'),
      { message: 'a tg.out command' },
    );
    expect(more).toEqual([]);
    const deliveries = await listDeliveries(db, { recipientId: olga.id });
    const telegram = deliveries.find((d) => d.channel === 'telegram' && d.reference === subject)!;
    expect(push!.data).toEqual({
      idempotencyKey: `notification:${telegram.id}`,
      chatId: 7001,
      method: 'sendMessage',
      params: { text: 'Добавлен новый техник (Иван Петров)' },
      // Its outcome comes back for the delivery log.
      reportSent: true,
    });
    expect(telegram).toMatchObject({ status: 'pending', attempts: 0, chatId: 7001, type: 'user.registered' });

    // The delivery log (S2-03): recipient, message, type, reference, status.
    const logged = (await db.table('deliveries').where({ reference: subject }).select('*')) as {
      recipient_id: string;
      channel: string;
      status: string;
      message: string;
      sent_at: Date | null;
    }[];
    expect(
      logged.map((row) => [row.recipient_id === olga.id ? 'olga' : 'jack', row.channel, row.status]).sort(),
    ).toEqual([
      ['jack', 'feed', 'sent'],
      ['olga', 'feed', 'sent'],
      ['olga', 'telegram', 'pending'],
    ]);
    expect(logged.find((row) => row.recipient_id === jack.id)).toMatchObject({
      message: 'New technician added (Иван Петров)',
      sent_at: expect.any(Date) as Date,
    });
  });

  it('an invoice paid (S0-11, S0-13) → each admin in their language, with sound, and a push', async () => {
    const invoiceId = '0194f1a2-7c3d-7abc-8def-0000000001c0';
    const subject = `invoice:${invoiceId}`;
    await bus.publish('invoice', 'invoice.status-changed', {
      invoiceId,
      number: 'INV-2026-0042',
      taskId: null,
      total: 7_560_00,
      currency: 'RUB',
      from: 'pending',
      to: 'paid',
    });
    await waitFor(async () => (await itemsAbout(subject)).length === 2, { message: 'two feed items' });
    expect(await feedOf(olga.id, subject)).toMatchObject({
      type: 'invoice.status-changed',
      text: 'Статус счёта №INV-2026-0042 изменён: pending → paid',
      sound: true,
      actions: [{ label: 'Открыть счёт', href: `/api/v1/invoices/${invoiceId}` }],
    });
    expect(await feedOf(jack.id, subject)).toMatchObject({
      text: 'Status of invoice #INV-2026-0042 changed: pending → paid',
      sound: true,
    });
    const [push] = await waitFor(
      () => {
        const pushes = bus.ofType('tg.out', (d) => JSON.stringify(d).includes('INV-2026-0042'));
        return pushes.length > 0 && pushes;
      },
      { message: 'a Telegram push about the invoice' },
    );
    expect(push!.data).toMatchObject({
      chatId: 7001,
      params: { text: 'Статус счёта №INV-2026-0042 изменён: pending → paid' },
    });
  });

  it("each recipient in their own language: chosen over Telegram's; none at all → the organization's (ru)", async () => {
    // In a ru organization: Pat chose English though Telegram says ru; Nora says nothing at all.
    const pat = person({ role: 'admin', name: 'Pat', telegramId: 7003, languageCode: 'ru', language: 'en' });
    const nora = person({ role: 'admin', name: 'Nora', telegramId: 7004 });
    const rita = person({ role: 'admin', name: 'Rita', languageCode: 'en', language: 'ru' });
    identity.people = [pat, nora, rita];
    const data = registered({ name: 'Lang Check' });
    const subject = `user:${data.userId}`;
    await bus.publish('identity', 'user.registered', data);
    await waitFor(async () => (await itemsAbout(subject)).length === 3, { message: 'three feed items' });

    expect(await feedOf(pat.id, subject)).toMatchObject({
      text: 'New technician added (Lang Check)',
      actions: [{ label: 'Review / edit' }],
    });
    expect(await feedOf(nora.id, subject)).toMatchObject({
      text: 'Добавлен новый техник (Lang Check)',
      actions: [{ label: 'Проверить / изменить' }],
    });
    expect(await feedOf(rita.id, subject)).toMatchObject({ text: 'Добавлен новый техник (Lang Check)' });
    const pushes = await waitFor(
      () => {
        const seen = bus.ofType('tg.out', (d) => JSON.stringify(d).includes('(Lang Check)'));
        return seen.length === 2 && seen;
      },
      { message: 'pushes to Pat and Nora' },
    );
    expect(pushes.find((p) => p.data.chatId === pat.telegramId)!.data).toMatchObject({
      params: { text: 'New technician added (Lang Check)' },
    });
    expect(pushes.find((p) => p.data.chatId === nora.telegramId)!.data).toMatchObject({
      params: { text: 'Добавлен новый техник (Lang Check)' },
    });
  });

  it('the same event delivered twice creates nothing twice', async () => {
    const data = registered({ name: 'Twice' });
    const subject = `user:${data.userId}`;
    const event = await bus.publish('identity', 'user.registered', data);
    await waitFor(async () => (await itemsAbout(subject)).length === 2, { message: 'two feed items' });
    const duplicatesBefore = await consumedCount(service.runtime, 'user.registered', 'duplicate');

    await bus.republish(event);
    await waitFor(
      async () => (await consumedCount(service.runtime, 'user.registered', 'duplicate')) > duplicatesBefore,
      { message: 'the redelivery recognised as a duplicate' },
    );
    await waitFor(
      () =>
        bus.ofType('tg.out', (d) => String(d.params && (d.params as { text: string }).text).includes('Twice'))
          .length === 1,
      {
        message: 'the push of the first delivery',
      },
    );
    expect(await itemsAbout(subject)).toHaveLength(2);
    expect(
      await db.table('deliveries').where({ reference: subject }).count<{ n: string }[]>({ n: '*' }),
    ).toEqual([{ n: '3' }]);
    expect(bus.ofType('notification.created', (d) => d.subject === subject)).toHaveLength(2);
  });

  it('tg.out.sent marks the push sent; tg.out.failed marks it failed with the error', async () => {
    const sentCase = registered({ name: 'Sent' });
    const failedCase = registered({ name: 'Failed' });
    await bus.publish('identity', 'user.registered', sentCase);
    await bus.publish('identity', 'user.registered', failedCase);
    const pushOf = (name: string) =>
      waitFor(
        () =>
          bus.ofType('tg.out', (d) => (d.params as { text: string }).text.includes(`(${name})`))[0]?.data as
            DataInput<Messages, 'tg.out'> | undefined,
        { message: `the push about ${name}` },
      );
    const [sent, failed] = await Promise.all([pushOf('Sent'), pushOf('Failed')]);

    // As bot-gateway reports: another service's outcome (not ours) is ignored.
    await bus.publish('bot-gateway', 'tg.out.sent', {
      idempotencyKey: 'conversation:welcome:1',
      chatId: 7001,
      method: 'sendMessage',
      messageId: 1,
    });
    const sentEvent = await bus.publish('bot-gateway', 'tg.out.sent', {
      idempotencyKey: sent.idempotencyKey,
      chatId: sent.chatId,
      method: 'sendMessage',
      messageId: 10,
    });
    await bus.publish('bot-gateway', 'tg.out.failed', {
      idempotencyKey: failed.idempotencyKey,
      chatId: failed.chatId,
      method: 'sendMessage',
      errorCode: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    const deliveryOf = async (key: string) =>
      (await listDeliveries(db)).find((d) => `notification:${d.id}` === key)!;
    await waitFor(async () => (await deliveryOf(sent.idempotencyKey)).status === 'sent', {
      message: 'the push marked sent',
    });
    await waitFor(async () => (await deliveryOf(failed.idempotencyKey)).status === 'failed', {
      message: 'the push marked failed',
    });
    expect(await deliveryOf(sent.idempotencyKey)).toMatchObject({
      attempts: 1,
      error: null,
      sentAt: new Date(sentEvent.occurredAt),
    });
    expect(await deliveryOf(failed.idempotencyKey)).toMatchObject({
      attempts: 1,
      sentAt: null,
      error: '403: Forbidden: bot was blocked by the user',
    });

    // A redelivered outcome changes nothing (attempts stay 1).
    const duplicatesBefore = await consumedCount(service.runtime, 'tg.out.sent', 'duplicate');
    await bus.republish(sentEvent);
    await waitFor(
      async () => (await consumedCount(service.runtime, 'tg.out.sent', 'duplicate')) > duplicatesBefore,
      { message: 'the redelivered outcome recognised' },
    );
    expect(await deliveryOf(sent.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a client joining → quiet items and a silent push', async () => {
    const data = registered({ role: 'client', name: 'Anna', via: 'start' });
    const subject = `user:${data.userId}`;
    await bus.publish('identity', 'user.registered', data);
    await waitFor(async () => (await itemsAbout(subject)).length === 2, { message: 'two feed items' });
    expect(await feedOf(jack.id, subject)).toMatchObject({ text: 'New client (Anna)', sound: false });
    expect(await feedOf(olga.id, subject)).toMatchObject({ text: 'Новый клиент (Anna)', sound: false });
    const push = await waitFor(
      () => bus.ofType('tg.out', (d) => (d.params as { text: string }).text === 'Новый клиент (Anna)')[0],
      {
        message: 'a silent push',
      },
    );
    expect(push.data.params).toEqual({ text: 'Новый клиент (Anna)', disable_notification: true });
  });

  it('a manager joining tells nobody (no rule)', async () => {
    const data = registered({ role: 'manager', name: 'Nobody Tells' });
    const before = await consumedCount(service.runtime, 'user.registered', 'ok');
    await bus.publish('identity', 'user.registered', data);
    await waitFor(async () => (await consumedCount(service.runtime, 'user.registered', 'ok')) > before, {
      message: 'the event handled',
    });
    expect(await itemsAbout(`user:${data.userId}`)).toEqual([]);
  });

  it('pages through all admins identity knows (more than one page of 100)', async () => {
    identity.people = Array.from({ length: 130 }, (_, i) => person({ role: 'admin', name: `Admin ${i}` }));
    const requestsBefore = identity.listRequests;
    const data = registered({ name: 'Many' });
    await bus.publish('identity', 'user.registered', data);
    await waitFor(async () => (await itemsAbout(`user:${data.userId}`)).length === 130, {
      message: '130 feed items',
    });
    expect(identity.listRequests - requestsBefore).toBe(2);
  });

  it('lists a feed newest first with the unread count; marks an item read; others’ items are not found', async () => {
    const nina = person({ role: 'admin', name: 'Nina', languageCode: 'en' });
    identity.people = [nina];
    const names = ['First', 'Second', 'Third'];
    for (const name of names) {
      await bus.publish('identity', 'user.registered', registered({ name }));
      // One at a time, so "newest first" has an order to check.
      await waitFor(
        async () =>
          (await db.table('feed_items').where({ recipient_id: nina.id }).select('id')).length ===
          names.indexOf(name) + 1,
        { message: `${name} in Nina's feed` },
      );
    }

    const all = await bus.rpc.request('notification.list', { recipientId: nina.id });
    expect(all).toMatchObject({ total: 3, unread: 3, page: 1 });
    expect(all.items.map((item) => item.text)).toEqual([
      'New technician added (Third)',
      'New technician added (Second)',
      'New technician added (First)',
    ]);

    const read = await bus.rpc.request('notification.mark-read', {
      recipientId: nina.id,
      id: all.items[1]!.id,
    });
    expect(read).toMatchObject({ id: all.items[1]!.id, read: true, text: 'New technician added (Second)' });
    // Marking it again is harmless.
    expect(await bus.rpc.request('notification.mark-read', { recipientId: nina.id, id: read.id })).toEqual(
      read,
    );

    const unread = await bus.rpc.request('notification.list', { recipientId: nina.id, unread: true });
    expect(unread.items.map((item) => item.text)).toEqual([
      'New technician added (Third)',
      'New technician added (First)',
    ]);
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    const paged = await bus.rpc.request('notification.list', { recipientId: nina.id, page: 2, pageSize: 2 });
    expect(paged).toMatchObject({ total: 3, unread: 2, page: 2 });
    expect(paged.items.map((item) => item.text)).toEqual(['New technician added (First)']);

    for (const [recipientId, id] of [
      [olga.id, all.items[0]!.id],
      [nina.id, '0192f0c4-0000-7000-8000-000000000000'],
      [nina.id, 'not-an-id'],
    ] as const) {
      const error = await bus.rpc
        .request('notification.mark-read', { recipientId, id })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({ code: 'not_found' });
    }
    expect(await bus.rpc.request('notification.list', { recipientId: 'nobody' })).toEqual({
      items: [],
      total: 0,
      unread: 0,
      page: 1,
    });
  });
});
