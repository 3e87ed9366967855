import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  TelegramSandbox,
  type ChatEvent,
  type SandboxBot,
  type SandboxStats,
  type TelegramMessage,
} from '../src/index.js';
import { solidPng } from '../src/media/sample-files.js';
import { resultOf } from './support/bot-api-client.js';

// The test API mirrored over HTTP under /sandbox, for non-TypeScript harnesses and the web page.

let sandbox: TelegramSandbox;
let bot: SandboxBot;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'web_bot' });
});

afterAll(async () => {
  await sandbox.stop();
});

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandbox.apiRoot}/sandbox${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

it('creates users and plays them: text, command, button press, photo; the chat view and events follow', async () => {
  expect((await request<SandboxBot[]>('GET', '/bots')).body).toEqual([bot]);
  const created = await request<{ id: number }>('POST', '/users', { firstName: 'Web', languageCode: 'en' });
  expect(created.status).toBe(201);
  const userId = created.body.id;
  const chatPath = `/bots/${encodeURIComponent(bot.token)}/chats/${userId}`;

  const text = await request<{ updateId: number; messageId: number }>('POST', `/users/${userId}/sendText`, {
    botToken: bot.token,
    text: 'hi',
  });
  expect(text.body).toEqual({ updateId: 1, messageId: 1, chatId: userId });
  await request('POST', `/users/${userId}/sendCommand`, {
    botToken: bot.token,
    command: 'start',
    payload: 'x1',
  });

  // A long poll for the next event, answered when the bot speaks.
  const waiting = request<ChatEvent[]>('GET', `${chatPath}/events?after=2&timeoutMs=5000`);
  const menu = await resultOf<TelegramMessage>(sandbox, bot.token, 'sendMessage', {
    chat_id: userId,
    text: 'Menu',
    reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
  });
  expect((await waiting).body.map((event) => event.message?.text)).toEqual(['Menu']);

  const press = await request<{ callbackQueryId: string }>('POST', `/users/${userId}/pressButton`, {
    botToken: bot.token,
    messageId: menu.message_id,
    data: 'go',
  });
  expect(press.body.callbackQueryId).toMatch(/^\d+$/);
  const wrongPress = await request<{ error: string }>('POST', `/users/${userId}/pressButton`, {
    botToken: bot.token,
    messageId: menu.message_id,
    data: 'nope',
  });
  expect(wrongPress.status).toBe(400);
  expect(wrongPress.body.error).toMatch(/no inline button/);

  const form = new FormData();
  form.append('botToken', bot.token);
  form.append('caption', 'uploaded');
  form.append('file', new Blob([new Uint8Array(solidPng(10, 10, [1, 2, 3]))]), 'dot.png');
  expect(
    (await fetch(`${sandbox.apiRoot}/sandbox/users/${userId}/sendPhoto`, { method: 'POST', body: form }))
      .status,
  ).toBe(200);
  await request('POST', `/users/${userId}/sendDocument`, {
    botToken: bot.token,
    bytesBase64: Buffer.from('base64 file').toString('base64'),
    fileName: 'note.txt',
  });

  const view = await request<{ messages: TelegramMessage[]; lastSeq: number }>('GET', chatPath);
  expect(
    view.body.messages.map((message) => message.text ?? message.caption ?? message.document?.file_name),
  ).toEqual(['hi', '/start x1', 'Menu', 'uploaded', 'note.txt']);
  const photoId = view.body.messages[3]?.photo?.at(-1)?.file_id ?? '';
  const photo = await fetch(`${sandbox.apiRoot}/sandbox/files/${encodeURIComponent(photoId)}`);
  expect(Buffer.from(await photo.arrayBuffer()).equals(solidPng(10, 10, [1, 2, 3]))).toBe(true);
});

it('mirrors stats, limits, faults, redeliver and blocking', async () => {
  const user = (await request<{ id: number }>('POST', '/users', { firstName: 'Ops' })).body;
  expect((await request('PUT', '/limits', { limits: { perChatPerSecond: 1 } })).status).toBe(200);
  expect(
    (await request('POST', '/faults', { method: 'getMe', kind: 'server_error', status: 503, times: 1 }))
      .status,
  ).toBe(200);
  expect((await fetch(`${sandbox.apiRoot}/bot${bot.token}/getMe`)).status).toBe(503);
  expect((await request('DELETE', '/faults')).status).toBe(200);
  const stats = (await request<SandboxStats>('GET', '/stats')).body;
  expect(stats.serverErrors).toBe(1);
  expect(stats.calls.getMe).toBe(1);

  const sent = (
    await request<{ updateId: number }>('POST', `/users/${user.id}/sendText`, {
      botToken: bot.token,
      text: 'dup',
    })
  ).body;
  expect(
    (await request('POST', '/redeliver', { botToken: bot.token, updateId: sent.updateId, times: 1 })).status,
  ).toBe(200);
  expect((await request('POST', `/users/${user.id}/blockBot`, { botToken: bot.token })).body).toEqual({
    ok: true,
  });
  expect(
    (await fetch(`${sandbox.apiRoot}/bot${bot.token}/sendMessage?chat_id=${user.id}&text=x`)).status,
  ).toBe(403);
  expect((await request('POST', '/faults', { kind: 'meltdown' })).status).toBe(400);
  expect((await request('POST', '/users/424242/sendText', { botToken: bot.token, text: 'x' })).status).toBe(
    404,
  );
});

it('serves the chat page', async () => {
  const page = await fetch(`${sandbox.apiRoot}/`);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(await page.text()).toContain('<script src="app.js"');
  const script = await fetch(`${sandbox.apiRoot}/app.js`);
  expect(script.status).toBe(200);
});
