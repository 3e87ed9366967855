import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, waitFor } from '@fieldgram/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type TelegramUpdate, type TelegramWebhookInfo } from '../src/index.js';
import {
  callBotApi,
  readBody,
  resultOf,
  startLocalServer,
  type LocalServer,
} from './support/bot-api-client.js';

// Webhook delivery as Telegram does it: retries with backoff, one update at a time per chat,
// chats in parallel up to max_connections.

let sandbox: TelegramSandbox;
const servers: LocalServer[] = [];

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
});

afterAll(async () => {
  await sandbox.stop();
  await Promise.all(servers.map((server) => server.close()));
});

interface Delivery {
  update: TelegramUpdate;
  secret: string | undefined;
  startedAt: number;
  endedAt: number;
}

/** A webhook that answers `status(attempt)` after `delayMs`, recording every request. */
async function recordingWebhook(options: { delayMs?: number; status?: (attempt: number) => number } = {}) {
  const deliveries: Delivery[] = [];
  let attempts = 0;
  const server = await startLocalServer((request, response) => {
    void (async () => {
      const startedAt = Date.now();
      const update = JSON.parse(await readBody(request)) as TelegramUpdate;
      attempts += 1;
      const status = options.status?.(attempts) ?? 200;
      await sleep(options.delayMs ?? 0);
      const header = request.headers['x-telegram-bot-api-secret-token'];
      deliveries.push({
        update,
        secret: typeof header === 'string' ? header : undefined,
        startedAt,
        endedAt: Date.now(),
      });
      response.writeHead(status).end();
    })();
  });
  servers.push(server);
  return { url: `${server.url}/hook`, deliveries };
}

function webhookInfo(token: string): Promise<TelegramWebhookInfo> {
  return resultOf<TelegramWebhookInfo>(sandbox, token, 'getWebhookInfo');
}

it('retries a refused update with growing pauses (100 ms doubling) until the bot answers 2xx', async () => {
  const bot = sandbox.createBot();
  const user = sandbox.createUser({ firstName: 'Retry' });
  const hook = await recordingWebhook({ status: (attempt) => (attempt <= 3 ? 500 : 200) });
  await resultOf(sandbox, bot.token, 'setWebhook', { url: hook.url, secret_token: 'S3cret' });
  const before = sandbox.stats();
  const sent = await user.sendText(bot.token, 'keep trying');

  await waitFor(() => hook.deliveries.length === 4, { message: 'four attempts' });
  expect(hook.deliveries.every((delivery) => delivery.update.update_id === sent.updateId)).toBe(true);
  expect(hook.deliveries.every((delivery) => delivery.secret === 'S3cret')).toBe(true);
  const pauses = hook.deliveries
    .slice(1)
    .map((delivery, index) => delivery.startedAt - (hook.deliveries[index]?.endedAt ?? 0));
  expect(pauses[0]).toBeGreaterThanOrEqual(90);
  expect(pauses[1]).toBeGreaterThanOrEqual(190);
  expect(pauses[2]).toBeGreaterThanOrEqual(390);

  await waitFor(async () => (await webhookInfo(bot.token)).pending_update_count === 0, {
    message: 'the update confirmed',
  });
  expect(await webhookInfo(bot.token)).toMatchObject({
    last_error_message: 'Wrong response from the webhook: 500 Internal Server Error',
    last_error_date: expect.any(Number) as unknown,
  });
  const after = sandbox.stats();
  expect(after.webhookFailures - before.webhookFailures).toBe(3);
  expect(after.webhookDeliveries - before.webhookDeliveries).toBe(1);
});

it("delivers one chat's updates one at a time and in order, while two chats progress in parallel", async () => {
  const bot = sandbox.createBot();
  const ann = sandbox.createUser({ firstName: 'Ann' });
  const bob = sandbox.createUser({ firstName: 'Bob' });
  const hook = await recordingWebhook({ delayMs: 150 });
  for (const n of [1, 2, 3]) {
    await ann.sendText(bot.token, `ann ${n}`);
    await bob.sendText(bot.token, `bob ${n}`);
  }
  const startedAt = Date.now();
  await resultOf(sandbox, bot.token, 'setWebhook', { url: hook.url });
  await waitFor(() => hook.deliveries.length === 6, { message: 'six deliveries' });
  const elapsed = Date.now() - startedAt;

  for (const [user, name] of [
    [ann, 'ann'],
    [bob, 'bob'],
  ] as const) {
    const ofChat = hook.deliveries.filter((delivery) => delivery.update.message?.chat.id === user.id);
    expect(ofChat.map((delivery) => delivery.update.message?.text)).toEqual([
      `${name} 1`,
      `${name} 2`,
      `${name} 3`,
    ]);
    for (let i = 1; i < ofChat.length; i += 1) {
      expect(ofChat[i]?.startedAt).toBeGreaterThanOrEqual(ofChat[i - 1]?.endedAt ?? Infinity);
    }
  }
  // Six 150 ms requests take ~450 ms with the two chats in parallel, ~900 ms one after another.
  expect(elapsed).toBeLessThan(850);
  const overlaps = hook.deliveries.some((a) =>
    hook.deliveries.some((b) => a !== b && a.startedAt < b.endedAt && b.startedAt < a.endedAt),
  );
  expect(overlaps).toBe(true);
});

it('keeps to max_connections across chats', async () => {
  const bot = sandbox.createBot();
  const users = [1, 2, 3].map((n) => sandbox.createUser({ firstName: `User${n}` }));
  const hook = await recordingWebhook({ delayMs: 60 });
  await resultOf(sandbox, bot.token, 'setWebhook', { url: hook.url, max_connections: 1 });
  for (const user of users) await user.sendText(bot.token, 'hi');
  await waitFor(() => hook.deliveries.length === 3, { message: 'three deliveries' });
  const sorted = [...hook.deliveries].sort((a, b) => a.startedAt - b.startedAt);
  for (let i = 1; i < sorted.length; i += 1) {
    expect(sorted[i]?.startedAt).toBeGreaterThanOrEqual(sorted[i - 1]?.endedAt ?? Infinity);
  }
  expect((await webhookInfo(bot.token)).max_connections).toBe(1);
});

it('records an unreachable webhook, and drops the queue on deleteWebhook(drop_pending_updates)', async () => {
  const bot = sandbox.createBot();
  const user = sandbox.createUser({ firstName: 'Nobody' });
  await resultOf(sandbox, bot.token, 'setWebhook', { url: `http://127.0.0.1:${await freePort()}/hook` });
  await user.sendText(bot.token, 'anyone there?');
  await waitFor(async () => (await webhookInfo(bot.token)).last_error_message === 'Connection refused', {
    message: 'the connection error recorded',
  });
  expect((await webhookInfo(bot.token)).pending_update_count).toBe(1);
  await resultOf(sandbox, bot.token, 'deleteWebhook', { drop_pending_updates: true });
  expect(await webhookInfo(bot.token)).toEqual({
    url: '',
    has_custom_certificate: false,
    pending_update_count: 0,
  });
});

it('refuses a malformed webhook url or secret token', async () => {
  const bot = sandbox.createBot();
  const badUrl = await fetch(`${sandbox.apiRoot}/bot${bot.token}/setWebhook?url=not-a-url`);
  expect(badUrl.status).toBe(400);
  const badSecret = await fetch(
    `${sandbox.apiRoot}/bot${bot.token}/setWebhook?url=http://127.0.0.1/x&secret_token=no%20spaces`,
  );
  expect(await badSecret.json()).toEqual({
    ok: false,
    error_code: 400,
    description: 'Bad Request: bad webhook: secret token contains unallowed characters',
  });
});

it('redeliver POSTs an update the bot already confirmed once more, with the same update_id', async () => {
  const bot = sandbox.createBot();
  const user = sandbox.createUser({ firstName: 'Twice' });
  const hook = await recordingWebhook();
  await resultOf(sandbox, bot.token, 'setWebhook', { url: hook.url });
  const sent = await user.sendText(bot.token, 'again');
  await waitFor(() => hook.deliveries.length === 1, { message: 'the first delivery' });
  sandbox.redeliver(bot.token, sent.updateId, 2);
  await waitFor(() => hook.deliveries.length === 3, { message: 'two more deliveries' });
  expect(hook.deliveries.map((delivery) => delivery.update.update_id)).toEqual([
    sent.updateId,
    sent.updateId,
    sent.updateId,
  ]);
});

it('setting a webhook ends a held getUpdates with the webhook conflict', async () => {
  const bot = sandbox.createBot();
  const hook = await recordingWebhook();
  const held = callBotApi(sandbox, bot.token, 'getUpdates', { timeout: 10 });
  await sleep(100);
  await resultOf(sandbox, bot.token, 'setWebhook', { url: hook.url });
  expect((await held).body).toMatchObject({
    ok: false,
    error_code: 409,
    description: expect.stringMatching(/webhook is active/) as unknown,
  });
});
