// The logistics bot's pushes through the REAL bot-gateway and the Telegram sandbox: a claim filed
// reaches the client's manager at once, its text first and then its photos and scans as albums
// (S1-03), once even when the event comes again; a decision reaches the client in the bot, in
// the client's language (S1-06); a waybill made reaches the admins' feed and the manager (S1-02).
// identity is the test double at the bus boundary (IdentityDouble).
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId, type User } from '@fieldgram/contracts';
import { sleep, useTestEnv } from '@fieldgram/testkit';
import type { SandboxBot, SandboxUser, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { listDeliveries } from '../src/store/delivery-store.js';
import { person, waitFor, type BusPeer } from './support/notification-harness.js';
import { startTelegramStack, type TelegramStack } from './support/telegram-stack.js';

const env = useTestEnv('notification-logistics');
let stack: TelegramStack;
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let bus: BusPeer;
let db: Knex;

let managerTg: SandboxUser;
let clientTg: SandboxUser;
let admin: User;
let manager: User;
let client: User;

beforeAll(async () => {
  stack = await startTelegramStack(env());
  ({ sandbox, bot, bus, db } = stack);
  managerTg = sandbox.createUser({ firstName: 'Мария', languageCode: 'ru' });
  clientTg = sandbox.createUser({ firstName: 'Ann', languageCode: 'en' });
  admin = person({ role: 'admin', name: 'Ольга', languageCode: 'ru' });
  manager = person({ role: 'manager', name: 'Мария', telegramId: managerTg.id, languageCode: 'ru' });
  client = person({ role: 'client', name: 'Ann Client', telegramId: clientTg.id, languageCode: 'en' });
  stack.identity.people = [admin, manager, client];
});
afterAll(async () => {
  await stack?.stop();
});

/** What the bot did in a chat (its calls, not the user's), from `after` on. */
const botCalls = (chatId: number, after = 0) =>
  sandbox
    .chatLog(bot.token, chatId)
    .filter((event) => !event.method.startsWith('user.') && event.seq > after);
const lastSeq = (chatId: number) => sandbox.chatLog(bot.token, chatId).at(-1)?.seq ?? 0;

/** Files the client sent the bot (as the claim wizard takes them): their Telegram file_ids. */
async function clientFiles(): Promise<{ kind: 'photo' | 'document'; fileId: string }[]> {
  const before = lastSeq(clientTg.id);
  await clientTg.sendAlbum(bot.token, [{ kind: 'photo' }, { kind: 'photo' }]);
  await clientTg.sendDocument(bot.token, { fileName: 'scan.pdf', mimeType: 'application/pdf' });
  return sandbox
    .chatLog(bot.token, clientTg.id)
    .filter((event) => event.method.startsWith('user.') && event.seq > before)
    .map((event) => event.message!)
    .map((message) =>
      message.photo
        ? { kind: 'photo' as const, fileId: message.photo.at(-1)!.file_id }
        : { kind: 'document' as const, fileId: message.document!.file_id },
    );
}

function claimEvent(files: { kind: 'photo' | 'document'; fileId: string }[]) {
  return {
    claimId: newMessageId(),
    number: 'CL-2026-000045',
    clientId: client.id,
    clientName: client.name,
    managerId: manager.id,
    waybillNumber: 'WB-2026-000123',
    waybillFound: true,
    email: 'ann@example.com',
    description: 'The box arrived crushed',
    amount: 1_500_050,
    currency: 'RUB' as const,
    files,
  };
}

describe('a claim filed (S1-03)', () => {
  it("reaches the client's manager at once: the text, then the photos as an album, then the scan", async () => {
    const files = await clientFiles();
    expect(files.map((file) => file.kind)).toEqual(['photo', 'photo', 'document']);
    const before = lastSeq(managerTg.id);
    const claim = claimEvent(files);
    const published = await bus.publish('claims', 'claim.filed', claim);

    const calls = await waitFor(
      () => botCalls(managerTg.id, before).length === 4 && botCalls(managerTg.id, before),
      {
        message: 'the text, two album photos and the scan in the manager’s chat',
      },
    );
    expect(calls.map((call) => call.method)).toEqual([
      'sendMessage',
      'sendMediaGroup',
      'sendMediaGroup',
      'sendDocument',
    ]);
    const [text, first, second, scan] = calls.map((call) => call.message!);
    expect(text!.text).toBe(
      [
        'Новая претензия CL-2026-000045 от Ann Client',
        'Накладная: WB-2026-000123',
        'Сумма: 15\u00a0000,50\u00a0₽',
        'E-mail: ann@example.com',
        'The box arrived crushed',
      ].join('\n'),
    );
    expect(first!.media_group_id).toBeDefined();
    expect(second!.media_group_id).toBe(first!.media_group_id);
    expect([first!.photo?.at(-1)?.file_unique_id, second!.photo?.at(-1)?.file_unique_id]).not.toContain(
      undefined,
    );
    expect(scan!.document?.file_name).toBe('scan.pdf');
    expect(text!.message_id).toBeLessThan(first!.message_id);

    // The delivery log (S2-03): one row per call, the album's with its files, all sent.
    const subject = `claim:${claim.claimId}`;
    const logged = await waitFor(
      async () => {
        const rows = (await listDeliveries(db, { reference: subject })).filter(
          (d) => d.recipientId === manager.id,
        );
        return rows.length === 3 && rows.every((row) => row.status === 'sent') && rows;
      },
      { message: 'three Telegram deliveries, sent' },
    );
    expect(logged.map((row) => [row.channel, row.attachments])).toEqual([
      ['telegram', null],
      ['telegram', files.slice(0, 2)],
      ['telegram', files.slice(2)],
    ]);
    // The admins' feed (sound, no files), nothing in Telegram for the admin without it.
    const feed = await waitFor(
      async () =>
        (await bus.rpc.request('notification.list', { recipientId: admin.id })).items.find(
          (i) => i.subject === subject,
        ),
      { message: "the admin's feed item" },
    );
    expect(feed).toMatchObject({
      type: 'claim.filed',
      sound: true,
      actions: [{ href: `/api/v1/claims/${claim.claimId}` }],
    });

    // The same event again (a redelivery): nothing is sent twice.
    const seen = lastSeq(managerTg.id);
    const commands = bus.ofType('tg.out').length;
    await bus.republish(published);
    await sleep(1_000);
    expect(botCalls(managerTg.id, seen)).toEqual([]);
    expect(bus.ofType('tg.out')).toHaveLength(commands);
    expect(await listDeliveries(db, { reference: subject })).toHaveLength(4);
  });

  it('flags a waybill that is none of the client’s; a claim without files is the text alone', async () => {
    const before = lastSeq(managerTg.id);
    await bus.publish('claims', 'claim.filed', {
      ...claimEvent([]),
      waybillFound: false,
      waybillNumber: '77-A',
    });
    const [call] = await waitFor(
      () => botCalls(managerTg.id, before).length > 0 && botCalls(managerTg.id, before),
      { message: 'the push' },
    );
    expect(call!.message?.text).toContain('Накладная: 77-A ⚠️ не найдена среди накладных клиента');
    await sleep(500);
    expect(botCalls(managerTg.id, before).map((event) => event.method)).toEqual(['sendMessage']);
  });
});

describe('a claim decided (S1-06)', () => {
  it("tells the client in the bot what was decided and the manager's comment, in the client's language", async () => {
    const [managerBefore, clientBefore] = [lastSeq(managerTg.id), lastSeq(clientTg.id)];
    const claimId = newMessageId();
    await bus.publish(
      'claims',
      'claim.status-changed',
      {
        claimId,
        number: 'CL-2026-000046',
        clientId: client.id,
        clientName: client.name,
        managerId: manager.id,
        waybillNumber: 'WB-2026-000124',
        waybillFound: true,
        from: 'in_review',
        to: 'rejected',
        comment: 'The damage happened after delivery',
        byUserId: manager.id,
      },
      { actor: { kind: 'user', userId: manager.id, role: 'manager' } },
    );
    const [told] = await waitFor(
      () => botCalls(clientTg.id, clientBefore).length > 0 && botCalls(clientTg.id, clientBefore),
      {
        message: "the client's message",
      },
    );
    expect(told!.message?.text).toBe(
      'Your claim CL-2026-000046 (waybill WB-2026-000124) has been rejected.\n' +
        'Manager’s comment: The damage happened after delivery',
    );
    // The admins' feed hears of it; the manager who decided is not told of their own move.
    await waitFor(
      async () =>
        (await bus.rpc.request('notification.list', { recipientId: admin.id })).items.some(
          (item) => item.subject === `claim:${claimId}`,
        ),
      { message: "the admins' feed item" },
    );
    expect(botCalls(managerTg.id, managerBefore)).toEqual([]);
  });
});

describe('a waybill made (S1-02)', () => {
  it("tells the admins' feed and the client's manager in Telegram; the client hears nothing here", async () => {
    const [managerBefore, clientBefore] = [lastSeq(managerTg.id), lastSeq(clientTg.id)];
    const waybillId = newMessageId();
    await bus.publish('waybill', 'waybill.created', {
      waybillId,
      number: 'WB-2026-000125',
      clientId: client.id,
      managerId: manager.id,
      cargo: 'Piano',
      weightKg: 212.5,
      pickupAddress: 'Moscow, Tverskaya 1',
      deliveryAddress: 'Kazan, Baumana 5',
    });
    const [push] = await waitFor(
      () => botCalls(managerTg.id, managerBefore).length > 0 && botCalls(managerTg.id, managerBefore),
      {
        message: "the manager's push",
      },
    );
    expect(push!.message?.text).toBe(
      'Новая накладная WB-2026-000125 от Ann Client: Piano, 212,5 кг, Moscow, Tverskaya 1 → Kazan, Baumana 5',
    );
    const feed = await waitFor(
      async () =>
        (await bus.rpc.request('notification.list', { recipientId: admin.id })).items.find(
          (item) => item.subject === `waybill:${waybillId}`,
        ),
      { message: "the admins' feed item" },
    );
    expect(feed).toMatchObject({ sound: true, actions: [{ label: 'Открыть накладную' }] });
    expect(botCalls(clientTg.id, clientBefore)).toEqual([]);
  });
});
