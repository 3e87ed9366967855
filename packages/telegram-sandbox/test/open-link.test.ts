import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeepLinkError,
  TelegramSandbox,
  type SandboxBot,
  type TelegramMessage,
  type TelegramUpdate,
} from '../src/index.js';
import { resultOf, telegrafFor } from './support/bot-api-client.js';

// sandbox.openLink: a user opens a bot's deep link and taps Start, as in a Telegram client.

let sandbox: TelegramSandbox;
let bot: SandboxBot;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'join_bot' });
});

afterAll(async () => {
  await sandbox.stop();
});

/** The updates the bot has not taken yet, taken. */
async function takeUpdates(): Promise<TelegramUpdate[]> {
  const updates = await resultOf<TelegramUpdate[]>(sandbox, bot.token, 'getUpdates');
  const last = updates.at(-1);
  if (last !== undefined) await resultOf(sandbox, bot.token, 'getUpdates', { offset: last.update_id + 1 });
  return updates;
}

async function rejectionOf(opening: Promise<unknown>): Promise<DeepLinkError> {
  const error: unknown = await opening.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DeepLinkError)) throw new Error(`expected a DeepLinkError, got ${String(error)}`);
  return error;
}

describe('openLink (S0-02: a newcomer opens the join link)', () => {
  it('creates a user who sends /start <payload> with a bot_command entity, as a client does', async () => {
    const opened = await sandbox.openLink('https://t.me/join_bot?start=i_Tk3x-9');
    expect(opened).toEqual({
      botToken: bot.token,
      botUsername: 'join_bot',
      userId: expect.any(Number) as unknown,
      chatId: opened.userId,
      payload: 'i_Tk3x-9',
      updateId: expect.any(Number) as unknown,
      messageId: expect.any(Number) as unknown,
      userCreated: true,
    });
    const newcomer = sandbox.user(opened.userId);
    expect(newcomer).toMatchObject({
      firstName: expect.stringMatching(/^Guest \d+$/) as unknown,
      languageCode: 'en',
    });

    const [update, ...more] = await takeUpdates();
    expect(more).toEqual([]);
    expect(update).toMatchObject({
      update_id: opened.updateId,
      message: {
        message_id: opened.messageId,
        from: { id: opened.userId, is_bot: false, first_name: newcomer?.firstName, language_code: 'en' },
        chat: { id: opened.userId, type: 'private' },
        text: '/start i_Tk3x-9',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
  });

  it('names the new user as asked', async () => {
    const opened = await sandbox.openLink('t.me/join_bot?start=x', { firstName: 'Ivan', languageCode: 'ru' });
    expect(sandbox.user(opened.userId)).toMatchObject({ firstName: 'Ivan', languageCode: 'ru' });
    const [update] = await takeUpdates();
    expect(update?.message?.from).toMatchObject({ first_name: 'Ivan', language_code: 'ru' });
  });

  it('opens it as an existing user, tg://resolve and any username case alike', async () => {
    const ann = sandbox.createUser({ firstName: 'Ann' });
    const usersBefore = sandbox.allUsers().length;
    const opened = await sandbox.openLink('tg://resolve?domain=Join_Bot&start=l_abc', { userId: ann.id });
    expect(opened).toMatchObject({ userId: ann.id, chatId: ann.id, payload: 'l_abc', userCreated: false });
    expect(sandbox.allUsers()).toHaveLength(usersBefore);
    const [update] = await takeUpdates();
    expect(update?.message).toMatchObject({ from: { id: ann.id }, text: '/start l_abc' });
    expect(sandbox.messages(bot.token, ann.id).map((message) => message.text)).toEqual(['/start l_abc']);
  });

  it('sends a plain /start for a link without a payload', async () => {
    const opened = await sandbox.openLink('http://t.me/join_bot');
    expect(opened.payload).toBeNull();
    const [update] = await takeUpdates();
    expect(update?.message).toMatchObject({
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    });
  });

  it('taps Restart for a user who had blocked the bot: unblocked, then /start', async () => {
    const bob = sandbox.createUser({ firstName: 'Bob' });
    await bob.blockBot(bot.token);
    await takeUpdates();
    await sandbox.openLink('https://t.me/join_bot?start=again', { userId: bob.id });
    const updates = await takeUpdates();
    expect(
      updates.map((update) => update.my_chat_member?.new_chat_member.status ?? update.message?.text),
    ).toEqual(['member', '/start again']);
  });

  it('refuses a bot not in the sandbox, naming the ones that are', async () => {
    const error = await rejectionOf(sandbox.openLink('https://t.me/other_bot?start=x'));
    expect(error.problem).toBe('unknown_bot');
    expect(error.message).toBe('openLink: no bot @other_bot in this sandbox; its bots: @join_bot');
  });

  it('refuses a link that is not a bot link, and a payload Telegram would refuse; the bot gets nothing', async () => {
    const usersBefore = sandbox.allUsers().length;
    const notALink = await rejectionOf(sandbox.openLink('https://example.com/join_bot?start=x'));
    expect(notALink.problem).toBe('not_a_bot_link');
    const badPayload = await rejectionOf(sandbox.openLink(`https://t.me/join_bot?start=${'x'.repeat(65)}`));
    expect(badPayload.problem).toBe('bad_payload');
    expect(await takeUpdates()).toEqual([]);
    expect(sandbox.allUsers()).toHaveLength(usersBefore);
  });

  it('refuses an unknown user id, and new-user fields given with a userId', async () => {
    expect((await rejectionOf(sandbox.openLink('t.me/join_bot', { userId: 999 }))).message).toBe(
      'openLink: no user 999 in this sandbox',
    );
    const ann = sandbox.createUser({ firstName: 'Ann' });
    expect(
      (await rejectionOf(sandbox.openLink('t.me/join_bot', { userId: ann.id, firstName: 'Ann' }))).problem,
    ).toBe('conflicting_options');
  });

  it('refuses a link to two bots of one username', async () => {
    const twin = await TelegramSandbox.start({ limits: 'off' });
    try {
      twin.createBot({ username: 'twin_bot' });
      twin.createBot({ username: 'Twin_Bot' });
      expect((await rejectionOf(twin.openLink('t.me/twin_bot'))).problem).toBe('ambiguous_bot');
    } finally {
      await twin.stop();
    }
  });
});

it('gives a telegraf bot the payload as ctx.payload (S0-02)', async () => {
  const telegraf = telegrafFor(sandbox, bot);
  telegraf.start((ctx) => ctx.reply(`joined with ${ctx.payload}`));
  let running: Promise<void> | undefined;
  await new Promise<void>((launched) => {
    running = telegraf.launch(launched);
  });
  try {
    const opened = await sandbox.openLink('https://t.me/join_bot?start=i_tele');
    const reply = await sandbox.waitForEvent(bot.token, opened.chatId, (event) => event.kind === 'message');
    expect((reply.message as TelegramMessage).text).toBe('joined with i_tele');
  } finally {
    telegraf.stop('test over');
    await running;
  }
});
