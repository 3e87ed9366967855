import { Markup, type Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '../src/index.js';
import { telegrafFor } from './support/bot-api-client.js';

// A telegraf bot launched in long-polling mode against the sandbox, as a real bot would run.

let sandbox: TelegramSandbox;
let bot: SandboxBot;
let telegraf: Telegraf;
let running: Promise<void>;
let ann: SandboxUser;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot();
  ann = sandbox.createUser({ firstName: 'Ann', languageCode: 'en' });
  telegraf = telegrafFor(sandbox, bot);
  telegraf.start((ctx) =>
    ctx.reply(
      `Welcome, invite ${ctx.payload}`,
      Markup.inlineKeyboard([Markup.button.callback('Pick A', 'pick:a')]),
    ),
  );
  telegraf.action(/^pick:(.+)$/, async (ctx) => {
    await ctx.answerCbQuery(`You picked ${ctx.match[1]}`);
    await ctx.editMessageText(`Picked ${ctx.match[1]}`);
  });
  telegraf.on(message('text'), (ctx) =>
    ctx.reply(`Echo: ${ctx.message.text}`, { reply_parameters: { message_id: ctx.message.message_id } }),
  );
  await new Promise<void>((launched) => {
    running = telegraf.launch(launched); // called after getMe; updates queue until polling starts
  });
});

afterAll(async () => {
  telegraf.stop('test over');
  await running;
  await sandbox.stop();
});

it('answers a text', async () => {
  const sent = await ann.sendText(bot.token, 'hello');
  const reply = await sandbox.waitForEvent(
    bot.token,
    ann.id,
    (event) => event.kind === 'message' && event.seq > 0,
    {
      timeoutMs: 5_000,
    },
  );
  expect(reply.message).toMatchObject({
    text: 'Echo: hello',
    reply_to_message: { message_id: sent.messageId },
  });
});

it('answers a command with its payload, then a button press with answerCbQuery and an edit', async () => {
  const before = sandbox.chatLog(bot.token, ann.id).at(-1)?.seq ?? 0;
  await ann.sendCommand(bot.token, 'start', 'inv_Tk3x');
  const welcome = await sandbox.waitForEvent(bot.token, ann.id, (event) => event.method === 'sendMessage', {
    after: before,
  });
  expect(welcome.message?.text).toBe('Welcome, invite inv_Tk3x');

  const press = await ann.pressButton(bot.token, welcome.messageId ?? 0, 'pick:a');
  const answer = await sandbox.waitForEvent(bot.token, ann.id, (event) => event.kind === 'callback_answer', {
    after: welcome.seq,
  });
  expect(answer.params).toMatchObject({ callback_query_id: press.callbackQueryId, text: 'You picked a' });
  const edit = await sandbox.waitForEvent(bot.token, ann.id, (event) => event.kind === 'edit', {
    after: welcome.seq,
  });
  expect(edit.message).toMatchObject({ message_id: welcome.messageId, text: 'Picked a' });
  expect(edit.message?.reply_markup).toBeUndefined();
  expect(sandbox.stats().calls.getUpdates).toBeGreaterThan(1);
});
