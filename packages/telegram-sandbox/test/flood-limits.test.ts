import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '../src/index.js';
import { callBotApi, resultOf } from './support/bot-api-client.js';

// Flood limits: on by default with Telegram's values, sliding windows, 429 with retry_after.

let sandbox: TelegramSandbox;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start(); // Telegram's limits
});

afterAll(async () => {
  await sandbox.stop();
});

function setup(): { bot: SandboxBot; ann: SandboxUser } {
  return { bot: sandbox.createBot(), ann: sandbox.createUser({ firstName: 'Ann' }) };
}

it('allows one message per chat per second: the second gets 429 with retry_after, honoured after waiting', async () => {
  const { bot, ann } = setup();
  const before = sandbox.stats().tooManyRequests;
  const first = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
    chat_id: ann.id,
    text: 'one',
  });
  expect(await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'two' })).toEqual({
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    },
  });
  // Edits and deletions count too; getters, chat actions and callback answers do not.
  expect(
    (
      await callBotApi(sandbox, bot.token, 'editMessageText', {
        chat_id: ann.id,
        message_id: first.message_id,
        text: 'x',
      })
    ).status,
  ).toBe(429);
  expect(
    (await callBotApi(sandbox, bot.token, 'sendChatAction', { chat_id: ann.id, action: 'typing' })).status,
  ).toBe(200);
  expect((await callBotApi(sandbox, bot.token, 'getMe')).status).toBe(200);
  // Another chat has its own window.
  const bob = sandbox.createUser({ firstName: 'Bob' });
  expect(
    (await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: bob.id, text: 'hi Bob' })).status,
  ).toBe(200);

  await sleep(1_000);
  expect((await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'two' })).status).toBe(
    200,
  );
  expect(sandbox.stats().tooManyRequests - before).toBe(2);
  expect(
    sandbox
      .chatLog(bot.token, ann.id)
      .filter((event) => event.kind === 'message')
      .map((event) => event.message?.text),
  ).toEqual(['one', 'two']);
});

it('limits a group per minute, with retry_after until the oldest message leaves the window', async () => {
  const { bot, ann } = setup();
  const group = sandbox.createGroup({ title: 'Dispatch', members: [ann] });
  sandbox.setLimits({ perChatPerSecond: 100, perGroupPerMinute: 3 });
  try {
    for (let n = 0; n < 3; n += 1) {
      expect(
        (await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: group.id, text: `#${n}` })).status,
      ).toBe(200);
    }
    const refused = await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: group.id, text: '#3' });
    expect(refused.status).toBe(429);
    expect(refused.body.ok === false && refused.body.parameters?.retry_after).toBeGreaterThanOrEqual(59);
    // A private chat is not a group and has no per-minute window.
    for (let n = 0; n < 5; n += 1) {
      expect(
        (await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: `#${n}` })).status,
      ).toBe(200);
    }
  } finally {
    sandbox.setLimits({});
  }
});

it('limits the whole bot per second across chats', async () => {
  const { bot } = setup();
  const users = Array.from({ length: 6 }, (_, n) => sandbox.createUser({ firstName: `U${n}` }));
  sandbox.setLimits({ perBotPerSecond: 5 });
  try {
    const statuses = [];
    for (const user of users)
      statuses.push(
        (await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: user.id, text: 'hi' })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  } finally {
    sandbox.setLimits({});
  }
});

it("'off' disables the limits", async () => {
  const { bot, ann } = setup();
  sandbox.setLimits('off');
  try {
    for (let n = 0; n < 20; n += 1) {
      expect(
        (await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: `#${n}` })).status,
      ).toBe(200);
    }
  } finally {
    sandbox.setLimits({});
  }
});
