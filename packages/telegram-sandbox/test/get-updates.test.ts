import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser, type TelegramUpdate } from '../src/index.js';
import { callBotApi, resultOf } from './support/bot-api-client.js';

let sandbox: TelegramSandbox;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
});

afterAll(async () => {
  await sandbox.stop();
});

function setup(): { bot: SandboxBot; user: SandboxUser } {
  return { bot: sandbox.createBot(), user: sandbox.createUser({ firstName: 'Poller' }) };
}

const getUpdates = (bot: SandboxBot, params: Record<string, unknown> = {}) =>
  resultOf<TelegramUpdate[]>(sandbox, bot.token, 'getUpdates', params);

it('numbers updates per bot; offset confirms the earlier ones, which are then forgotten; limit caps a batch', async () => {
  const { bot, user } = setup();
  const sent = [];
  for (const text of ['one', 'two', 'three']) sent.push(await user.sendText(bot.token, text));
  expect(sent.map((update) => update.updateId)).toEqual([1, 2, 3]);

  const firstTwo = await getUpdates(bot, { limit: 2 });
  expect(firstTwo.map((update) => update.message?.text)).toEqual(['one', 'two']);
  // Not confirmed yet: the same updates again.
  expect((await getUpdates(bot, { limit: 2 })).map((update) => update.update_id)).toEqual([1, 2]);
  const rest = await getUpdates(bot, { offset: 3 });
  expect(rest.map((update) => update.message?.text)).toEqual(['three']);
  expect(await getUpdates(bot, { offset: 4 })).toEqual([]);
  expect(await getUpdates(bot, { offset: 1 })).toEqual([]); // confirmed updates are gone for good
});

it('a negative offset keeps only that many updates from the end of the queue', async () => {
  const { bot, user } = setup();
  for (const text of ['a', 'b', 'c']) await user.sendText(bot.token, text);
  expect((await getUpdates(bot, { offset: -1 })).map((update) => update.message?.text)).toEqual(['c']);
});

it('timeout holds the request until an update arrives, or answers [] when it expires', async () => {
  const { bot, user } = setup();
  let startedAt = Date.now();
  expect(await getUpdates(bot, { timeout: 1 })).toEqual([]);
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);

  startedAt = Date.now();
  const held = getUpdates(bot, { timeout: 10 });
  setTimeout(() => void user.sendText(bot.token, 'wake up'), 150);
  const updates = await held;
  expect(updates.map((update) => update.message?.text)).toEqual(['wake up']);
  expect(Date.now() - startedAt).toBeLessThan(2_000);
});

it('a second getUpdates ends the held one with 409, as when two instances poll', async () => {
  const { bot } = setup();
  const first = callBotApi(sandbox, bot.token, 'getUpdates', { timeout: 10 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await callBotApi(sandbox, bot.token, 'getUpdates', { timeout: 0 });
  expect(await first).toEqual({
    status: 409,
    body: {
      ok: false,
      error_code: 409,
      description:
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    },
  });
});

it('allowed_updates filters the update types queued from then on', async () => {
  const { bot, user } = setup();
  const offer = await user.sendText(bot.token, 'before the filter');
  await getUpdates(bot, { offset: offer.updateId + 1, allowed_updates: ['callback_query'] });
  const menu = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
    chat_id: user.id,
    text: 'Menu',
    reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
  });
  await user.sendText(bot.token, 'filtered out');
  const press = await user.pressButton(bot.token, menu.message_id, 'go');
  const updates = await getUpdates(bot);
  expect(updates.map((update) => update.update_id)).toEqual([press.updateId]);
  expect(updates[0]?.callback_query).toMatchObject({
    id: press.callbackQueryId,
    data: 'go',
    from: { id: user.id },
  });

  // An empty list restores the default: everything but chat_member and reactions.
  await getUpdates(bot, { offset: press.updateId + 1, allowed_updates: [] });
  const text = await user.sendText(bot.token, 'back');
  expect((await getUpdates(bot)).map((update) => update.update_id)).toEqual([text.updateId]);
});

it('redeliver queues an update that was already confirmed again, with its update_id', async () => {
  const { bot, user } = setup();
  const sent = await user.sendText(bot.token, 'only once, please');
  const later = await user.sendText(bot.token, 'next');
  await getUpdates(bot, { offset: later.updateId + 1 });
  sandbox.redeliver(bot.token, sent.updateId, 2);
  for (let copy = 0; copy < 2; copy += 1) {
    const batch = await getUpdates(bot);
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ update_id: sent.updateId, message: { text: 'only once, please' } });
    await getUpdates(bot, { offset: sent.updateId + 1 });
  }
  expect(await getUpdates(bot)).toEqual([]);
  expect(() => sandbox.redeliver(bot.token, 999)).toThrow(/never sent update 999/);
});
