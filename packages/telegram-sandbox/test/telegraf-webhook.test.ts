import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, TelegramError, type Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { waitFor } from '@fieldgram/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '../src/index.js';
import { telegrafFor } from './support/bot-api-client.js';

// A telegraf bot behind its own webhookCallback (express), with a secret token.

const SECRET = 'right-secret_42';
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let telegraf: Telegraf;
let ann: SandboxUser;
let server: Server;
let hookUrl: string;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot();
  ann = sandbox.createUser({ firstName: 'Ann' });
  telegraf = telegrafFor(sandbox, bot);
  telegraf.on(message('text'), (ctx) =>
    ctx.reply(`Got "${ctx.message.text}"`, Markup.inlineKeyboard([Markup.button.callback('OK', 'ok')])),
  );
  // answerCbQuery is one of the calls telegraf answers inside the webhook response body.
  telegraf.action('ok', (ctx) => ctx.answerCbQuery('Noted'));
  const app = express();
  app.use(telegraf.webhookCallback('/telegram', { secretToken: SECRET }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
});

afterAll(async () => {
  await sandbox.stop();
  await new Promise((resolve) => server.close(resolve));
});

it('retries an update the bot refused (wrong secret), then delivers it once the secret is right', async () => {
  expect(await telegraf.telegram.setWebhook(hookUrl, { secret_token: 'wrong-secret' })).toBe(true);
  await ann.sendText(bot.token, 'hello over webhook');

  // telegraf refuses a wrong secret (under express its next() ends in a 404); the sandbox keeps
  // the update and tries again.
  await waitFor(() => sandbox.stats().webhookFailures >= 3, { message: 'three failed webhook attempts' });
  const info = await telegraf.telegram.getWebhookInfo();
  expect(info).toMatchObject({
    url: hookUrl,
    has_custom_certificate: false,
    pending_update_count: 1,
    max_connections: 40,
    last_error_message: 'Wrong response from the webhook: 404 Not Found',
  });
  expect(info.last_error_date).toBeGreaterThan(0);

  const conflict = await telegraf.telegram.getUpdates(0, 100, 0, undefined).catch((error: unknown) => error);
  expect(conflict).toBeInstanceOf(TelegramError);
  expect((conflict as TelegramError).response).toMatchObject({
    error_code: 409,
    description:
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  });

  await telegraf.telegram.setWebhook(hookUrl, { secret_token: SECRET });
  const reply = await sandbox.waitForEvent(bot.token, ann.id, (event) => event.method === 'sendMessage');
  expect(reply.message?.text).toBe('Got "hello over webhook"');
  await waitFor(async () => (await telegraf.telegram.getWebhookInfo()).pending_update_count === 0, {
    message: 'the update to be confirmed',
  });
  expect(sandbox.stats().webhookDeliveries).toBe(1);
});

it('runs a method the bot put in its webhook response (answerCallbackQuery)', async () => {
  const offer = sandbox.messages(bot.token, ann.id).at(-1);
  const press = await ann.pressButton(bot.token, offer?.message_id ?? 0, 'ok');
  const answer = await sandbox.waitForEvent(bot.token, ann.id, (event) => event.kind === 'callback_answer');
  expect(answer.params).toMatchObject({ callback_query_id: press.callbackQueryId, text: 'Noted' });
  expect(sandbox.stats().calls.answerCallbackQuery).toBe(1);
});

it('deleteWebhook turns the webhook off', async () => {
  expect(await telegraf.telegram.deleteWebhook()).toBe(true);
  expect(await telegraf.telegram.getWebhookInfo()).toEqual({
    url: '',
    has_custom_certificate: false,
    pending_update_count: 0,
  });
  expect(await telegraf.telegram.getUpdates(0, 100, 0, undefined)).toEqual([]);
});
