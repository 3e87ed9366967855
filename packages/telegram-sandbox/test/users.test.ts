import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TelegramSandbox,
  type SandboxBot,
  type SandboxUser,
  type TelegramFile,
  type TelegramUpdate,
} from '../src/index.js';
import { callBotApi, resultOf } from './support/bot-api-client.js';

// The user side: what users do becomes the updates Telegram would send.

let sandbox: TelegramSandbox;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
});

afterAll(async () => {
  await sandbox.stop();
});

function setup(): { bot: SandboxBot; ann: SandboxUser } {
  return {
    bot: sandbox.createBot(),
    ann: sandbox.createUser({ firstName: 'Ann', lastName: 'Lee', username: 'ann_lee', languageCode: 'ru' }),
  };
}

async function drain(bot: SandboxBot): Promise<TelegramUpdate[]> {
  const updates = await resultOf<TelegramUpdate[]>(sandbox, bot.token, 'getUpdates');
  const last = updates.at(-1);
  if (last !== undefined)
    await resultOf(sandbox, bot.token, 'getUpdates', { offset: last.update_id + 1, timeout: 0 });
  return updates;
}

describe('messages from users', () => {
  it('text, a command with payload and a contact, with the sender as Telegram describes them', async () => {
    const { bot, ann } = setup();
    const text = await ann.sendText(bot.token, 'hello');
    const command = await ann.sendCommand(bot.token, 'start', 'inv_Tk3x');
    await ann.sendContact(bot.token, { phoneNumber: '+79990001122' });
    expect([text.chatId, command.messageId - text.messageId]).toEqual([ann.id, 1]);
    const [first, second, third] = await drain(bot);
    expect(first).toMatchObject({
      update_id: text.updateId,
      message: {
        message_id: text.messageId,
        from: {
          id: ann.id,
          is_bot: false,
          first_name: 'Ann',
          last_name: 'Lee',
          username: 'ann_lee',
          language_code: 'ru',
        },
        chat: { id: ann.id, type: 'private', first_name: 'Ann' },
        date: expect.any(Number) as unknown,
        text: 'hello',
      },
    });
    expect(second?.message).toMatchObject({
      text: '/start inv_Tk3x',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    });
    expect(third?.message?.contact).toEqual({
      phone_number: '+79990001122',
      first_name: 'Ann',
      last_name: 'Lee',
      user_id: ann.id,
    });
    expect(sandbox.chatLog(bot.token, ann.id).map((event) => event.kind)).toEqual([
      'user_message',
      'user_message',
      'user_message',
    ]);
  });

  it('photos, documents, voice and video the bot can download', async () => {
    const { bot, ann } = setup();
    await ann.sendPhoto(bot.token, { caption: 'the car' });
    await ann.sendDocument(bot.token, { bytes: Buffer.from('a,b\n1,2\n'), fileName: 'list.csv' });
    await ann.sendVoice(bot.token, { bytes: Buffer.from('OggS...') });
    await ann.sendVideo(bot.token, {});
    const [photo, document, voice, video] = (await drain(bot)).map((update) => update.message);
    expect(photo).toMatchObject({
      caption: 'the car',
      photo: [
        { width: 320, height: 240 },
        { width: 640, height: 480 },
      ],
    });
    expect(document?.document).toMatchObject({ file_name: 'list.csv', mime_type: 'text/csv', file_size: 8 });
    expect(voice?.voice).toMatchObject({ mime_type: 'audio/ogg', duration: 1 });
    expect(video?.video).toMatchObject({ mime_type: 'video/mp4' });

    const fileId = document?.document?.file_id ?? '';
    const file = await resultOf<TelegramFile>(sandbox, bot.token, 'getFile', { file_id: fileId });
    const download = await fetch(`${sandbox.apiRoot}/file/bot${bot.token}/${file.file_path}`);
    expect(await download.text()).toBe('a,b\n1,2\n');
  });

  it('an album: one update per item sharing a media_group_id', async () => {
    const { bot, ann } = setup();
    const sent = await ann.sendAlbum(bot.token, [
      { kind: 'photo', caption: 'front' },
      { kind: 'photo' },
      { kind: 'video', bytes: Buffer.from('video') },
    ]);
    const updates = await drain(bot);
    expect(updates.map((update) => update.update_id)).toEqual(sent.map((item) => item.updateId));
    const groupIds = new Set(updates.map((update) => update.message?.media_group_id));
    expect(groupIds.size).toBe(1);
    expect([...groupIds][0]).toMatch(/^\d+$/);
    expect(updates[0]?.message?.caption).toBe('front');
    await expect(ann.sendAlbum(bot.token, [{ kind: 'photo' }])).rejects.toThrow(/2-10 items/);
  });

  it('a reply, and messages in a group the user is in', async () => {
    const { bot, ann } = setup();
    const bob = sandbox.createUser({ firstName: 'Bob' });
    const group = sandbox.createGroup({ title: 'Crew', members: [ann, bob] });
    expect(group.id).toBeLessThan(0);
    const question = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
      chat_id: group.id,
      text: 'Who is free?',
    });
    const answer = await bob.sendText(bot.token, 'me', {
      chatId: group.id,
      replyToMessageId: question.message_id,
    });
    const [update] = await drain(bot);
    expect(update?.message).toMatchObject({
      message_id: answer.messageId,
      chat: { id: group.id, type: 'supergroup', title: 'Crew' },
      from: { id: bob.id },
      reply_to_message: { message_id: question.message_id, text: 'Who is free?' },
    });
    const stranger = sandbox.createUser({ firstName: 'Eve' });
    await expect(stranger.sendText(bot.token, 'hi', { chatId: group.id })).rejects.toThrow(/not a member/);
  });
});

describe('buttons', () => {
  it('pressButton sends a callback_query with the message; an unknown button is refused', async () => {
    const { bot, ann } = setup();
    const menu = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
      chat_id: ann.id,
      text: 'Task #7',
      reply_markup: { inline_keyboard: [[{ text: 'Accept', callback_data: 'task:accept:7' }]] },
    });
    const press = await ann.pressButton(bot.token, menu.message_id, 'task:accept:7');
    const [update] = await drain(bot);
    expect(update?.callback_query).toMatchObject({
      id: press.callbackQueryId,
      from: { id: ann.id },
      message: { message_id: menu.message_id, text: 'Task #7' },
      chat_instance: expect.stringMatching(/^\d+$/) as unknown,
      data: 'task:accept:7',
    });
    await expect(ann.pressButton(bot.token, menu.message_id, 'task:reject:7')).rejects.toThrow(
      /^Bad Request: message \d+ in chat \d+ has no inline button with callback_data "task:reject:7"/,
    );
  });

  it('a one-time reply keyboard hides once used', async () => {
    const { bot, ann } = setup();
    await resultOf(sandbox, bot.token, 'sendMessage', {
      chat_id: ann.id,
      text: 'Choose',
      reply_markup: { keyboard: [['Yes', 'No']], one_time_keyboard: true },
    });
    expect(sandbox.replyKeyboard(bot.token, ann.id)?.keyboard).toEqual([[{ text: 'Yes' }, { text: 'No' }]]);
    await ann.sendText(bot.token, 'Yes');
    expect(sandbox.replyKeyboard(bot.token, ann.id)).toBeUndefined();
  });
});

describe('blocking', () => {
  it('blockBot: 403 for every call into the chat and a my_chat_member update; unblockBot undoes it', async () => {
    const { bot, ann } = setup();
    const sent = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
      chat_id: ann.id,
      text: 'hi',
    });
    await ann.blockBot(bot.token);
    const forbidden = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    expect(await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'hello?' })).toEqual({
      status: 403,
      body: forbidden,
    });
    expect(
      (
        await callBotApi(sandbox, bot.token, 'editMessageText', {
          chat_id: ann.id,
          message_id: sent.message_id,
          text: 'x',
        })
      ).body,
    ).toEqual(forbidden);
    expect(
      (await callBotApi(sandbox, bot.token, 'sendChatAction', { chat_id: ann.id, action: 'typing' })).body,
    ).toEqual(forbidden);
    await expect(ann.sendText(bot.token, 'hi')).rejects.toThrow(/blocked/);

    await ann.unblockBot(bot.token);
    expect(
      (await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'welcome back' })).status,
    ).toBe(200);
    const [blocked, unblocked] = await drain(bot);
    expect(blocked?.my_chat_member).toMatchObject({
      chat: { id: ann.id, type: 'private' },
      from: { id: ann.id },
      old_chat_member: { user: { id: bot.id, is_bot: true }, status: 'member' },
      new_chat_member: { user: { id: bot.id }, status: 'kicked' },
    });
    expect(unblocked?.my_chat_member).toMatchObject({
      old_chat_member: { status: 'kicked' },
      new_chat_member: { status: 'member' },
    });
  });

  it('privateChatsNeedStart: the bot cannot write first, as in Telegram', async () => {
    const strict = await TelegramSandbox.start({ limits: 'off', privateChatsNeedStart: true });
    try {
      const bot = strict.createBot();
      const ann = strict.createUser({ firstName: 'Ann' });
      expect(
        (await callBotApi(strict, bot.token, 'sendMessage', { chat_id: ann.id, text: 'hi' })).body,
      ).toEqual({
        ok: false,
        error_code: 403,
        description: "Forbidden: bot can't initiate conversation with a user",
      });
      await ann.sendCommand(bot.token, 'start');
      expect(
        (await callBotApi(strict, bot.token, 'sendMessage', { chat_id: ann.id, text: 'hi' })).status,
      ).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});

describe('waitForEvent', () => {
  it('resolves with an existing event, or only a later one with `after`, and names the chat on timeout', async () => {
    const { bot, ann } = setup();
    await resultOf(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'first' });
    const existing = await sandbox.waitForEvent(bot.token, ann.id, (event) => event.kind === 'message');
    expect(existing.message?.text).toBe('first');

    const later = sandbox.waitForEvent(bot.token, ann.id, (event) => event.kind === 'message', {
      after: existing.seq,
    });
    setTimeout(
      () => void resultOf(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'second' }),
      50,
    );
    expect((await later).message?.text).toBe('second');

    await expect(
      sandbox.waitForEvent(bot.token, ann.id, (event) => event.kind === 'pin', { timeoutMs: 100 }),
    ).rejects.toThrow(
      new RegExp(
        `no matching event in chat ${ann.id} .* within 100 ms; last 2 of 2 events:\\n.*sendMessage \\(message\\) message 1: "first"`,
      ),
    );
  });
});
