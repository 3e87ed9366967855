// Telegram egress: tg.out commands → Bot API calls, once, in order, under the flood limits (issue 3).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv } from '@fieldgram/testkit';
import { LocalDirectoryStorage } from '@fieldgram/platform';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import {
  commandSender,
  floodLimitEnv,
  gatewayEnvFor,
  startGateway,
  TelegramTap,
} from './support/gateway-harness.js';

const env = useTestEnv('gw-egress');
const LIMITS = { perBotPerSecond: 100, perChatPerSecond: 5, perGroupPerMinute: 20 };
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;
let gateway: BotGateway;
let tap: TelegramTap;
let sender: Awaited<ReturnType<typeof commandSender>>;
let storageDir: string;
let storage: LocalDirectoryStorage;
let keySeq = 0;
const key = (label: string) => `${label}:${++keySeq}`;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: LIMITS });
  bot = sandbox.createBot({ username: 'egress_bot' });
  ann = sandbox.createUser({ firstName: 'Ann' });
  storageDir = await mkdtemp(path.join(tmpdir(), 'fg-gw-storage-'));
  storage = new LocalDirectoryStorage(storageDir);
  tap = await TelegramTap.open(env());
  gateway = await startGateway(
    gatewayEnvFor(env(), {
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      TELEGRAM_BOT_TOKEN: bot.token,
      ...floodLimitEnv(LIMITS),
    }),
    { storage },
  );
  sender = await commandSender(env());
});
afterAll(async () => {
  await sender?.close();
  await gateway?.runtime.stop();
  await tap?.close();
  await sandbox?.stop();
  await rm(storageDir, { recursive: true, force: true });
});

describe('egress', () => {
  it('sends a message with a keyboard, then edits and deletes it by its key', async () => {
    const offerKey = `task:42:offer:${keySeq}`;
    await sender.send({
      idempotencyKey: key('offer'),
      chatId: ann.id,
      method: 'sendMessage',
      params: {
        text: 'Task #42',
        reply_markup: { inline_keyboard: [[{ text: 'Accept', callback_data: 'task:accept:42' }]] },
      },
      messageKey: offerKey,
      reportSent: true,
    });
    const sent = await tap.next('tg.out.sent', (d) => d.messageKey === offerKey);
    const message = await sandbox.waitForEvent(
      bot.token,
      ann.id,
      (e) => e.kind === 'message' && e.message?.text === 'Task #42',
    );
    expect(sent.data.messageId).toBe(message.messageId);

    await sender.send({
      idempotencyKey: key('edit'),
      chatId: ann.id,
      method: 'editMessageText',
      params: { text: 'Task #42 ✅ Accepted' },
      messageKey: offerKey,
    });
    const edit = await sandbox.waitForEvent(bot.token, ann.id, (e) => e.kind === 'edit');
    expect(edit.messageId).toBe(message.messageId);
    expect(sandbox.messages(bot.token, ann.id).find((m) => m.message_id === message.messageId)?.text).toBe(
      'Task #42 ✅ Accepted',
    );

    await sender.send({
      idempotencyKey: key('delete'),
      chatId: ann.id,
      method: 'deleteMessage',
      params: {},
      messageKey: offerKey,
    });
    const deletion = await sandbox.waitForEvent(bot.token, ann.id, (e) => e.kind === 'delete');
    expect(deletion.messageId).toBe(message.messageId);
  });

  it('does not send a command twice when it is delivered twice', async () => {
    const idempotencyKey = key('twice');
    const command = {
      idempotencyKey,
      chatId: ann.id,
      method: 'sendMessage' as const,
      params: { text: 'exactly once' },
      reportSent: true,
    };
    await sender.send(command);
    await sender.send(command);
    await tap.next('tg.out.sent', (d) => d.idempotencyKey === idempotencyKey);
    await sleep(500);
    expect(sandbox.chatLog(bot.token, ann.id).filter((e) => e.message?.text === 'exactly once')).toHaveLength(
      1,
    );
    expect(tap.ofType('tg.out.sent').filter((e) => e.data.idempotencyKey === idempotencyKey)).toHaveLength(1);
  });

  it('reports a send only when asked: a plain reply is recorded (not sent again) and announces nothing', async () => {
    const idempotencyKey = key('plain');
    const command = {
      idempotencyKey,
      chatId: ann.id,
      method: 'sendMessage' as const,
      params: { text: 'a plain reply' },
    };
    await sender.send(command);
    await sandbox.waitForEvent(bot.token, ann.id, (e) => e.message?.text === 'a plain reply');
    await sender.send(command);
    const asked = key('asked');
    await sender.send({
      ...command,
      idempotencyKey: asked,
      params: { text: 'a reported one' },
      reportSent: true,
    });
    await tap.next('tg.out.sent', (d) => d.idempotencyKey === asked);
    await sleep(300);
    expect(tap.ofType('tg.out.sent').filter((e) => e.data.idempotencyKey === idempotencyKey)).toEqual([]);
    expect(
      sandbox.chatLog(bot.token, ann.id).filter((e) => e.message?.text === 'a plain reply'),
    ).toHaveLength(1);
  });

  it('reports a blocked user once, as tg.user.blocked, without retrying', async () => {
    const bob = sandbox.createUser({ firstName: 'Bob' });
    await bob.blockBot(bot.token);
    const callsBefore = sandbox.stats().forbidden;
    const idempotencyKey = key('blocked');
    await sender.send({ idempotencyKey, chatId: bob.id, method: 'sendMessage', params: { text: 'hello?' } });
    const blocked = await tap.next('tg.user.blocked', (d) => d.chatId === bob.id);
    expect(blocked.data.description).toBe('Forbidden: bot was blocked by the user');
    expect((await tap.next('tg.out.failed', (d) => d.idempotencyKey === idempotencyKey)).data).toMatchObject({
      errorCode: 403,
    });
    await sleep(1_500);
    expect(sandbox.stats().forbidden - callsBefore).toBe(1);
  });

  it('uploads a file from object storage once, then re-sends it by file_id', async () => {
    await storage.put('tasks/42/car.jpg', Buffer.from('jpeg bytes of the car'), 'image/jpeg');
    for (const label of ['first', 'second']) {
      await sender.send({
        idempotencyKey: key(`photo-${label}`),
        chatId: ann.id,
        method: 'sendPhoto',
        params: { photo: { storageKey: 'tasks/42/car.jpg' }, caption: `car ${label}` },
      });
      await sandbox.waitForEvent(bot.token, ann.id, (e) => e.message?.caption === `car ${label}`);
    }
    const photos = sandbox.chatLog(bot.token, ann.id).filter((e) => e.method === 'sendPhoto');
    const fileIds = photos.map((e) => e.message?.photo?.at(-1)?.file_id);
    expect(sandbox.fileBytes(fileIds[0]!)?.toString()).toBe('jpeg bytes of the car');
    expect(photos[1]?.params.photo).toBe(fileIds[0]); // sent by file_id: no second upload
  });

  it('rides out injected 5xx errors and delivers', async () => {
    sandbox.injectFault({
      method: 'sendMessage',
      chatId: ann.id,
      kind: 'server_error',
      status: 502,
      times: 2,
    });
    const idempotencyKey = key('5xx');
    await sender.send({
      idempotencyKey,
      chatId: ann.id,
      method: 'sendMessage',
      params: { text: 'after the storm' },
      reportSent: true,
    });
    await tap.next('tg.out.sent', (d) => d.idempotencyKey === idempotencyKey);
    expect(gateway.sender.counters.serverErrors).toBeGreaterThanOrEqual(2);
  });
});
