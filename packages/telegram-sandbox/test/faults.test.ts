import { TelegramError } from 'telegraf';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '../src/index.js';
import { callBotApi, telegrafFor } from './support/bot-api-client.js';

let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;
let bob: SandboxUser;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot();
  ann = sandbox.createUser({ firstName: 'Ann' });
  bob = sandbox.createUser({ firstName: 'Bob' });
});

afterEach(() => sandbox.clearFaults());

afterAll(async () => {
  await sandbox.stop();
});

const send = (chatId: number, text = 'hi') =>
  callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: chatId, text });

it('server_error: 500 by default, or the given status, for the matching calls, `times` times', async () => {
  sandbox.injectFault({ method: 'sendMessage', chatId: ann.id, kind: 'server_error', times: 2 });
  const before = sandbox.stats().serverErrors;
  expect(await send(ann.id)).toEqual({
    status: 500,
    body: { ok: false, error_code: 500, description: 'Internal Server Error' },
  });
  expect((await send(bob.id)).status).toBe(200); // another chat
  expect((await callBotApi(sandbox, bot.token, 'getMe')).status).toBe(200); // another method
  expect((await send(ann.id)).status).toBe(500);
  expect((await send(ann.id)).status).toBe(200); // used up
  expect(sandbox.stats().serverErrors - before).toBe(2);

  sandbox.injectFault({ kind: 'server_error', status: 502 });
  const error = await telegrafFor(sandbox, bot)
    .telegram.getMe()
    .catch((failure: unknown) => failure);
  expect(error).toBeInstanceOf(TelegramError);
  expect((error as TelegramError).code).toBe(502);
  expect((error as TelegramError).description).toBe('Bad Gateway');
});

it('too_many_requests: 429 with retry_after, and the call has no effect', async () => {
  sandbox.injectFault({ method: 'sendMessage', kind: 'too_many_requests', retryAfterSeconds: 3, times: 1 });
  sandbox.injectFault({ method: 'sendMessage', kind: 'too_many_requests', times: 1 });
  const before = sandbox.stats().tooManyRequests;
  const messages = sandbox.chatLog(bot.token, ann.id).length;
  expect(await send(ann.id, 'flooded')).toEqual({
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    },
  });
  expect((await send(ann.id, 'flooded')).body).toMatchObject({ parameters: { retry_after: 1 } });
  expect(sandbox.chatLog(bot.token, ann.id)).toHaveLength(messages);
  expect((await send(ann.id)).status).toBe(200); // used up
  expect(sandbox.stats().tooManyRequests - before).toBe(2);
});

it('latency delays the answer', async () => {
  sandbox.injectFault({ method: 'sendMessage', kind: 'latency', latencyMs: 300 });
  const startedAt = Date.now();
  expect((await send(ann.id)).status).toBe(200);
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
});

it('timeout holds the request until the client gives up, and the call has no effect', async () => {
  sandbox.injectFault({ method: 'sendMessage', kind: 'timeout', times: 1 });
  const before = sandbox.chatLog(bot.token, ann.id).length;
  const startedAt = Date.now();
  const outcome = await fetch(`${sandbox.apiRoot}/bot${bot.token}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chat_id: ann.id, text: 'lost' }),
    signal: AbortSignal.timeout(300),
  }).catch((error: unknown) => error);
  expect((outcome as Error).name).toBe('TimeoutError');
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
  expect(sandbox.chatLog(bot.token, ann.id)).toHaveLength(before);
});

it('timeout with applied: the message is sent, only the answer is lost', async () => {
  sandbox.injectFault({
    method: 'sendMessage',
    chatId: ann.id,
    kind: 'timeout',
    applied: true,
    holdMs: 100,
    times: 1,
  });
  const outcome = await send(ann.id, 'sent, answer lost').catch((error: unknown) => error);
  expect(outcome).toBeInstanceOf(Error);
  expect(sandbox.chatLog(bot.token, ann.id).at(-1)?.message?.text).toBe('sent, answer lost');
});

it('timeout with holdMs drops the connection after that long', async () => {
  sandbox.injectFault({ kind: 'timeout', holdMs: 200, times: 1 });
  const startedAt = Date.now();
  const outcome = await callBotApi(sandbox, bot.token, 'getMe').catch((error: unknown) => error);
  expect(outcome).toBeInstanceOf(Error);
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
});

it('blocked answers 403 as if the user had blocked the bot', async () => {
  sandbox.injectFault({ chatId: bob.id, kind: 'blocked' });
  const before = sandbox.stats().forbidden;
  expect(await send(bob.id)).toEqual({
    status: 403,
    body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  });
  expect((await send(ann.id)).status).toBe(200);
  expect(sandbox.stats().forbidden - before).toBe(1);
  sandbox.clearFaults();
  expect((await send(bob.id)).status).toBe(200);
});
