// Telegram ingress through the webhook: normalized events, de-duplication, albums, secret check (issue 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import { gatewayEnvFor, startGateway, TelegramTap } from './support/gateway-harness.js';

const env = useTestEnv('gw-ingress');
const SECRET = 'webhook-secret-123';
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;
let gateway: BotGateway;
let tap: TelegramTap;
let webhookUrl: string;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'fieldgram_test_bot' });
  ann = sandbox.createUser({ firstName: 'Ann', lastName: 'Lee', username: 'ann', languageCode: 'ru' });
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
  tap = await TelegramTap.open(env());
  gateway = await startGateway(
    gatewayEnvFor(env(), {
      HTTP_PORT: String(port),
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      TELEGRAM_BOT_TOKEN: bot.token,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: webhookUrl,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    }),
  );
});
afterAll(async () => {
  await gateway?.runtime.stop();
  await tap?.close();
  await sandbox?.stop();
});

describe('webhook ingress', () => {
  it('registered its webhook with the secret', async () => {
    const info: unknown = await (await fetch(`${sandbox.apiRoot}/bot${bot.token}/getWebhookInfo`)).json();
    expect(info).toMatchObject({ ok: true, result: { url: webhookUrl } });
  });

  it('turns a text into tg.in.message with the chat as partition key', async () => {
    const sent = await ann.sendText(bot.token, 'hello bot');
    const event = await tap.next('tg.in.message', (data) => data.updateId === sent.updateId);
    expect(event.data).toMatchObject({
      text: 'hello bot',
      messageId: sent.messageId,
      chat: { id: ann.id, type: 'private' },
      from: { id: ann.id, firstName: 'Ann', lastName: 'Lee', username: 'ann', languageCode: 'ru' },
    });
    expect(event.partitionKey).toBe(`chat:${ann.id}`);
    expect(event.partitionKeyHeader).toBe(`chat:${ann.id}`);
    expect(event.source).toBe('bot-gateway');
  });

  it('turns a deep link, a contact and a button press into their events', async () => {
    const start = await ann.sendCommand(bot.token, 'start', 'inv_Tk3x');
    expect((await tap.next('tg.in.command', (d) => d.updateId === start.updateId)).data).toMatchObject({
      command: 'start',
      payload: 'inv_Tk3x',
    });
    const contact = await ann.sendContact(bot.token, { phoneNumber: '+79990001122' });
    expect((await tap.next('tg.in.contact', (d) => d.updateId === contact.updateId)).data).toMatchObject({
      phoneNumber: '+79990001122',
      contactUserId: ann.id,
    });
    const offer = (await (
      await fetch(`${sandbox.apiRoot}/bot${bot.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          chat_id: ann.id,
          text: 'Task #7',
          reply_markup: { inline_keyboard: [[{ text: 'Accept', callback_data: 'task:accept:7' }]] },
        }),
      })
    ).json()) as { result: { message_id: number } };
    const press = await ann.pressButton(bot.token, offer.result.message_id, 'task:accept:7');
    expect((await tap.next('tg.in.callback', (d) => d.updateId === press.updateId)).data).toMatchObject({
      callbackQueryId: press.callbackQueryId,
      data: 'task:accept:7',
      messageId: offer.result.message_id,
    });
  });

  it('publishes the same update delivered three times once', async () => {
    const sent = await ann.sendText(bot.token, 'only once');
    await tap.next('tg.in.message', (d) => d.updateId === sent.updateId);
    sandbox.redeliver(bot.token, sent.updateId, 2);
    await waitFor(() => gateway.intakeCounts.duplicate >= 2, {
      message: 'two duplicates seen by the gateway',
    });
    await sleep(300);
    expect(tap.ofType('tg.in.message').filter((e) => e.data.updateId === sent.updateId)).toHaveLength(1);
  });

  it('turns an album of 5 photos into one media event', async () => {
    const parts = await ann.sendAlbum(
      bot.token,
      Array.from({ length: 5 }, (_, i) => ({
        kind: 'photo' as const,
        bytes: Buffer.from(`photo-${i}`),
        ...(i === 0 ? { caption: 'the car' } : {}),
      })),
    );
    const event = await tap.next('tg.in.media', (d) =>
      (d.messageIds as number[]).includes(parts[0]!.messageId),
    );
    expect(event.data.messageIds).toEqual(parts.map((part) => part.messageId));
    expect(event.data).toMatchObject({ caption: 'the car' });
    expect(event.data.files as unknown[]).toHaveLength(5);
    await sleep(500);
    expect(
      tap.ofType('tg.in.media').filter((e) => (e.data.messageIds as number[]).includes(parts[0]!.messageId)),
    ).toHaveLength(1);
  });

  it('answers 401 to a wrong or missing secret and publishes nothing', async () => {
    const update = {
      update_id: 999_999,
      message: {
        message_id: 1,
        date: 1,
        chat: { id: ann.id, type: 'private' },
        from: { id: ann.id, first_name: 'Mallory' },
        text: 'forged',
      },
    };
    const wrongOrMissing: Record<string, string>[] = [{ 'x-telegram-bot-api-secret-token': 'wrong' }, {}];
    for (const headers of wrongOrMissing) {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(401);
    }
    await sleep(500);
    expect(tap.envelopes.some((e) => e.data && (e.data as { updateId?: number }).updateId === 999_999)).toBe(
      false,
    );
  });

  it('acknowledges but does not publish an update it cannot read', async () => {
    const before = gateway.intakeCounts.invalid;
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: 'not a number', message: 42 }),
    });
    expect(response.status).toBe(200);
    expect(gateway.intakeCounts.invalid).toBe(before + 1);
  });
});
