// ChatSession: a person's side of a chat for tests, demos and benches (S1-08 counts actions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatSession, TelegramSandbox, dataOf, labelsOf, textOf, type SandboxBot } from '../src/index.js';
import { telegrafFor } from './support/bot-api-client.js';

let sandbox: TelegramSandbox;
let bot: SandboxBot;
let stopBot: () => void;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'session_bot' });
  const telegraf = telegrafFor(sandbox, bot);
  telegraf.start((ctx) =>
    ctx.reply('Pick one', {
      reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'pick:yes' }]] },
    }),
  );
  telegraf.on('callback_query', async (ctx) => {
    await ctx.answerCbQuery('noted');
    await ctx.reply('You picked yes');
  });
  telegraf.on('photo', (ctx) => ctx.reply('Nice photo'));
  telegraf.on('text', async (ctx) => {
    await ctx.reply(`1: ${ctx.message.text}`);
    await ctx.reply(`2: ${ctx.message.text}`);
  });
  void telegraf.launch();
  stopBot = () => telegraf.stop();
});
afterAll(async () => {
  stopBot?.();
  await sandbox?.stop();
});

describe('ChatSession', () => {
  it('reads the bot’s messages in order and counts taps, typed answers and files', async () => {
    const ann = new ChatSession(sandbox, bot.token, sandbox.createUser({ firstName: 'Ann' }));
    const menu = await ann.start();
    expect(textOf(menu)).toBe('Pick one');
    expect(labelsOf(menu)).toEqual(['Yes']);
    expect(dataOf(menu, 'Yes')).toBe('pick:yes');
    expect(() => dataOf(menu, 'No')).toThrow('no button "No" under "Pick one"');
    expect(await ann.tap(menu, 'Yes')).toBe('noted');
    expect(textOf(await ann.reply())).toBe('You picked yes');
    expect(textOf(await ann.type('hello'))).toBe('1: hello');
    expect(textOf(await ann.reply())).toBe('2: hello');
    expect(textOf(await ann.sendPhoto())).toBe('Nice photo');
    expect({ taps: ann.taps, typed: ann.typed, sent: ann.sent, actions: ann.actions }).toEqual({
      taps: 1,
      typed: 1,
      sent: 1,
      actions: 3,
    });
    expect(ann.unread()).toBe(0);
  });

  it('says what it waited for when the bot stays silent', async () => {
    const bob = new ChatSession(sandbox, bot.token, sandbox.createUser({ firstName: 'Bob' }), 300);
    await bob.start();
    await expect(bob.reply()).rejects.toThrow('Bob: waited 300 ms for 2 bot message(s), got 1');
  });
});
