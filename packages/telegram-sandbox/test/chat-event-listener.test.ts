import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type ChatEvent } from '../src/index.js';
import { resultOf } from './support/bot-api-client.js';

// onChatEvent: one listener sees every chat's events as they are recorded (the load bench's hook).

let sandbox: TelegramSandbox;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
});

afterAll(async () => {
  await sandbox.stop();
});

it("calls the listener synchronously for users' messages, sends, edits and callback answers in every chat, until unsubscribed", async () => {
  const bot = sandbox.createBot();
  const other = sandbox.createBot();
  const ann = sandbox.createUser({ firstName: 'Ann' });
  const bob = sandbox.createUser({ firstName: 'Bob' });
  const seen: { botId: number; chatId: number; event: ChatEvent }[] = [];
  const unsubscribe = sandbox.onChatEvent((botId, chatId, event) => seen.push({ botId, chatId, event }));

  const sent = await ann.sendText(bot.token, 'hello');
  // Synchronous: the event is there as soon as the action returns, with the chat's own seq.
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ botId: bot.id, chatId: ann.id, event: { kind: 'user_message' } });
  expect(seen[0]?.event.seq).toBe(sandbox.chatLog(bot.token, ann.id).at(-1)?.seq);

  const offer = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
    chat_id: ann.id,
    text: 'offer',
    reply_markup: { inline_keyboard: [[{ text: 'Accept', callback_data: 'accept' }]] },
  });
  const press = await ann.pressButton(bot.token, offer.message_id, 'accept');
  await resultOf(sandbox, bot.token, 'answerCallbackQuery', { callback_query_id: press.callbackQueryId });
  await resultOf(sandbox, bot.token, 'editMessageText', {
    chat_id: ann.id,
    message_id: offer.message_id,
    text: 'offer, accepted',
  });
  await resultOf(sandbox, other.token, 'sendMessage', { chat_id: bob.id, text: 'from the other bot' });

  expect(seen.map(({ botId, chatId, event }) => [botId, chatId, event.kind, event.messageId])).toEqual([
    [bot.id, ann.id, 'user_message', sent.messageId],
    [bot.id, ann.id, 'message', offer.message_id],
    [bot.id, ann.id, 'callback_answer', offer.message_id],
    [bot.id, ann.id, 'edit', offer.message_id],
    [other.id, bob.id, 'message', 1],
  ]);
  expect(seen[2]?.event.params).toMatchObject({ callback_query_id: press.callbackQueryId });

  unsubscribe();
  await ann.sendText(bot.token, 'nobody listens');
  expect(seen).toHaveLength(5);
});
