import { Input, Markup, type Telegraf } from 'telegraf';
import { TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '../src/index.js';
import { solidPng } from '../src/media/sample-files.js';
import { startLocalServer, telegrafFor, type LocalServer } from './support/bot-api-client.js';

// Conformance: every method the sandbox implements, called through telegraf unchanged except
// for apiRoot. Flood limits are off here; test/flood-limits.test.ts covers them.

let sandbox: TelegramSandbox;
let bot: SandboxBot;
let telegraf: Telegraf;
let ann: SandboxUser;
let files: LocalServer;
const PHOTO = solidPng(800, 600, [200, 30, 30]);

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'conformance_bot', firstName: 'Conformance' });
  telegraf = telegrafFor(sandbox, bot);
  ann = sandbox.createUser({ firstName: 'Ann', lastName: 'Lee', username: 'ann', languageCode: 'en' });
  await ann.sendCommand(bot.token, 'start');
  files = await startLocalServer((request, response) => {
    if (request.url === '/car.png') response.writeHead(200, { 'content-type': 'image/png' }).end(PHOTO);
    else response.writeHead(404).end();
  });
});

afterAll(async () => {
  await files.close();
  await sandbox.stop();
});

async function telegramError(promise: Promise<unknown>): Promise<TelegramError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
  return error;
}

describe('through telegraf', () => {
  it('getMe', async () => {
    expect(await telegraf.telegram.getMe()).toMatchObject({
      id: bot.id,
      is_bot: true,
      first_name: 'Conformance',
      username: 'conformance_bot',
    });
  });

  it('sendMessage with parse_mode, each kind of keyboard and a reply', async () => {
    const html = await telegraf.telegram.sendMessage(ann.id, '<b>Task #42</b> at <i>Main St &amp; 5th</i>', {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...Markup.inlineKeyboard([
        Markup.button.callback('Accept', 'task:accept:42'),
        Markup.button.url('Map', 'https://example.org'),
      ]),
    });
    expect(html).toMatchObject({
      chat: { id: ann.id, type: 'private', first_name: 'Ann', last_name: 'Lee', username: 'ann' },
      from: { id: bot.id, is_bot: true },
      text: 'Task #42 at Main St & 5th',
      entities: [
        { type: 'bold', offset: 0, length: 8 },
        { type: 'italic', offset: 12, length: 13 },
      ],
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Accept', callback_data: 'task:accept:42' },
            { text: 'Map', url: 'https://example.org' },
          ],
        ],
      },
    });

    // The event log keeps the parameters as sent, parse_mode and unmodelled ones included.
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)?.params).toMatchObject({
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });

    const markdown = await telegraf.telegram.sendMessage(ann.id, '*Done* \\- thanks\\!', {
      parse_mode: 'MarkdownV2',
    });
    expect(markdown).toMatchObject({
      text: 'Done - thanks!',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
    });

    const menu = await telegraf.telegram.sendMessage(ann.id, 'Main menu', {
      ...Markup.keyboard([['My tasks', 'Help'], [Markup.button.contactRequest('Share phone')]])
        .resize()
        .oneTime(),
    });
    expect(menu.reply_markup).toBeUndefined(); // only inline keyboards are echoed in a Message
    expect(sandbox.replyKeyboard(bot.token, ann.id)).toMatchObject({
      keyboard: [[{ text: 'My tasks' }, { text: 'Help' }], [{ text: 'Share phone', request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });

    const forced = await telegraf.telegram.sendMessage(ann.id, 'Your address?', {
      reply_parameters: { message_id: menu.message_id },
      ...Markup.forceReply().placeholder('Street, house'),
    });
    expect(forced.reply_to_message).toMatchObject({ message_id: menu.message_id, text: 'Main menu' });
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)?.params.reply_markup).toEqual({
      force_reply: true,
      input_field_placeholder: 'Street, house',
    });

    // reply_to_message_id is gone from telegraf's types but Telegram still accepts it.
    const legacyReply = await telegraf.telegram.callApi('sendMessage', {
      chat_id: ann.id,
      text: 'Menu closed',
      ...Markup.removeKeyboard(),
      ...{ reply_to_message_id: forced.message_id },
    });
    expect(legacyReply.reply_to_message?.message_id).toBe(forced.message_id);
    expect(sandbox.replyKeyboard(bot.token, ann.id)).toBeUndefined();
  });

  it('editMessageText, editMessageCaption and editMessageReplyMarkup', async () => {
    const offer = await telegraf.telegram.sendMessage(
      ann.id,
      'Offer',
      Markup.inlineKeyboard([Markup.button.callback('Take', 'take')]),
    );
    const edited = await telegraf.telegram.editMessageText(
      ann.id,
      offer.message_id,
      undefined,
      'Offer <b>taken</b>',
      {
        parse_mode: 'HTML',
        ...Markup.inlineKeyboard([Markup.button.callback('Undo', 'undo')]),
      },
    );
    expect(edited).toMatchObject({
      message_id: offer.message_id,
      text: 'Offer taken',
      entities: [{ type: 'bold', offset: 6, length: 5 }],
      reply_markup: { inline_keyboard: [[{ text: 'Undo', callback_data: 'undo' }]] },
    });
    expect(typeof edited === 'object' && edited.edit_date).toBeGreaterThan(0);

    const unchanged = await telegramError(
      telegraf.telegram.editMessageReplyMarkup(ann.id, offer.message_id, undefined, {
        inline_keyboard: [[{ text: 'Undo', callback_data: 'undo' }]],
      }),
    );
    expect(unchanged.response.description).toMatch(/^Bad Request: message is not modified/);

    const withoutKeyboard = await telegraf.telegram.editMessageReplyMarkup(
      ann.id,
      offer.message_id,
      undefined,
      undefined,
    );
    expect(withoutKeyboard).toMatchObject({ message_id: offer.message_id });
    expect(
      sandbox.messages(bot.token, ann.id).find((m) => m.message_id === offer.message_id)?.reply_markup,
    ).toBeUndefined();

    const photo = await telegraf.telegram.sendPhoto(ann.id, Input.fromBuffer(PHOTO, 'before.png'), {
      caption: 'Before',
    });
    const recaptioned = await telegraf.telegram.editMessageCaption(
      ann.id,
      photo.message_id,
      undefined,
      'After',
    );
    expect(recaptioned).toMatchObject({ caption: 'After', photo: photo.photo });

    const current = sandbox
      .messages(bot.token, ann.id)
      .find((message) => message.message_id === offer.message_id);
    expect(current?.text).toBe('Offer taken');
    expect(
      sandbox
        .chatLog(bot.token, ann.id)
        .filter((event) => event.kind === 'edit')
        .map((event) => event.method),
    ).toEqual(['editMessageText', 'editMessageReplyMarkup', 'editMessageCaption']);
  });

  it('deleteMessage', async () => {
    const note = await telegraf.telegram.sendMessage(ann.id, 'Temporary');
    expect(await telegraf.telegram.deleteMessage(ann.id, note.message_id)).toBe(true);
    expect(
      sandbox.messages(bot.token, ann.id).some((message) => message.message_id === note.message_id),
    ).toBe(false);
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)).toMatchObject({
      kind: 'delete',
      messageId: note.message_id,
    });
    const again = await telegramError(telegraf.telegram.deleteMessage(ann.id, note.message_id));
    expect(again.response).toMatchObject({
      error_code: 400,
      description: 'Bad Request: message to delete not found',
    });
  });

  it('answerCallbackQuery, once per query', async () => {
    const offer = await telegraf.telegram.sendMessage(
      ann.id,
      'Pick',
      Markup.inlineKeyboard([Markup.button.callback('A', 'pick:a')]),
    );
    const press = await ann.pressButton(bot.token, offer.message_id, 'pick:a');
    expect(
      await telegraf.telegram.answerCbQuery(press.callbackQueryId, 'Picked A', { show_alert: true }),
    ).toBe(true);
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)).toMatchObject({
      kind: 'callback_answer',
      messageId: offer.message_id,
      params: { callback_query_id: press.callbackQueryId, text: 'Picked A', show_alert: true },
    });
    const twice = await telegramError(telegraf.telegram.answerCbQuery(press.callbackQueryId));
    expect(twice.response.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
  });

  it('sendPhoto uploads bytes that getFile and the file URL give back, and re-sends by file_id', async () => {
    const sent = await telegraf.telegram.sendPhoto(ann.id, Input.fromBuffer(PHOTO, 'car.png'), {
      caption: '<i>Car</i>, front',
      parse_mode: 'HTML',
    });
    expect(sent.caption).toBe('Car, front');
    expect(sent.caption_entities).toEqual([{ type: 'italic', offset: 0, length: 3 }]);
    expect(sent.photo.map(({ width, height }) => [width, height])).toEqual([
      [320, 240],
      [800, 600],
    ]);
    const largest = sent.photo.at(-1);
    if (largest === undefined) throw new Error('no photo sizes');
    expect(largest).toMatchObject({ file_size: PHOTO.length });
    expect(largest.file_unique_id).toEqual(expect.any(String));

    const file = await telegraf.telegram.getFile(largest.file_id);
    expect(file).toMatchObject({
      file_id: largest.file_id,
      file_size: PHOTO.length,
      file_path: expect.stringMatching(/^photos\/.+\.jpg$/) as unknown,
    });
    const link = await telegraf.telegram.getFileLink(largest.file_id);
    expect(link.href.startsWith(`${sandbox.apiRoot}/file/bot${bot.token}/`)).toBe(true);
    expect(Buffer.from(await (await fetch(link)).arrayBuffer()).equals(PHOTO)).toBe(true);
    expect(sandbox.fileBytes(largest.file_id)?.equals(PHOTO)).toBe(true);

    const again = await telegraf.telegram.sendPhoto(ann.id, largest.file_id);
    expect(again.photo).toEqual(sent.photo);
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)?.params.photo).toBe(largest.file_id);
  });

  it('sendPhoto by URL: refused unless the URL is on 127.0.0.1', async () => {
    const remote = await telegramError(telegraf.telegram.sendPhoto(ann.id, 'https://example.org/car.png'));
    expect(remote.response).toMatchObject({
      error_code: 400,
      description: 'Bad Request: failed to get HTTP URL content',
    });
    const local = await telegraf.telegram.sendPhoto(ann.id, `${files.url}/car.png`);
    expect(sandbox.fileBytes(local.photo.at(-1)?.file_id ?? '')?.equals(PHOTO)).toBe(true);
    const unknown = await telegramError(telegraf.telegram.sendPhoto(ann.id, 'AgACAgIAAxkBAAInotAfileid'));
    expect(unknown.response.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
  });

  it('sendDocument, sendVoice and sendVideo', async () => {
    const pdf = Buffer.from('%PDF-1.4 invoice');
    const document = await telegraf.telegram.sendDocument(ann.id, Input.fromBuffer(pdf, 'invoice-42.pdf'), {
      caption: 'Invoice',
    });
    expect(document.document).toMatchObject({
      file_name: 'invoice-42.pdf',
      mime_type: 'application/pdf',
      file_size: pdf.length,
    });
    expect(document.caption).toBe('Invoice');

    const ogg = Buffer.from('OggS voice');
    const voice = await telegraf.telegram.sendVoice(ann.id, Input.fromBuffer(ogg, 'note.ogg'), {
      duration: 3,
    });
    expect(voice.voice).toMatchObject({ duration: 3, mime_type: 'audio/ogg', file_size: ogg.length });

    const mp4 = Buffer.from('....ftypmp42 video');
    const video = await telegraf.telegram.sendVideo(ann.id, Input.fromBuffer(mp4, 'walkaround.mp4'), {
      width: 640,
      height: 360,
      duration: 12,
    });
    expect(video.video).toMatchObject({
      width: 640,
      height: 360,
      duration: 12,
      mime_type: 'video/mp4',
      file_size: mp4.length,
    });

    const byId = await telegraf.telegram.sendDocument(ann.id, document.document.file_id);
    expect(byId.document.file_id).toBe(document.document.file_id);
    const mismatch = await telegramError(telegraf.telegram.sendVoice(ann.id, document.document.file_id));
    expect(mismatch.response.description).toBe('Bad Request: type of file mismatch');
    for (const fileId of [document.document.file_id, voice.voice.file_id, video.video.file_id]) {
      const { file_path } = await telegraf.telegram.getFile(fileId);
      const bytes = Buffer.from(
        await (await fetch(`${sandbox.apiRoot}/file/bot${bot.token}/${file_path}`)).arrayBuffer(),
      );
      expect(bytes.equals(sandbox.fileBytes(fileId) ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('sendMediaGroup: uploads and file_ids, one media_group_id', async () => {
    const first = await telegraf.telegram.sendPhoto(ann.id, Input.fromBuffer(PHOTO));
    const album = await telegraf.telegram.sendMediaGroup(ann.id, [
      { type: 'photo', media: Input.fromBuffer(solidPng(100, 50, [0, 0, 0]), 'a.png'), caption: 'Stage 1' },
      { type: 'photo', media: first.photo.at(-1)?.file_id ?? '' },
      { type: 'video', media: Input.fromBuffer(Buffer.from('video bytes'), 'clip.mp4') },
    ]);
    expect(album).toHaveLength(3);
    const groupIds = new Set(album.map((message) => message.media_group_id));
    expect(groupIds.size).toBe(1);
    expect([...groupIds][0]).toEqual(expect.any(String));
    expect(album[0]).toMatchObject({ caption: 'Stage 1', photo: [{ width: 100, height: 50 }] });
    expect(album[1]).toMatchObject({ photo: first.photo });
    expect(album[2]).toHaveProperty('video.mime_type', 'video/mp4');
    const tooFew = await telegramError(
      telegraf.telegram.sendMediaGroup(ann.id, [{ type: 'photo', media: first.photo[0]?.file_id ?? '' }]),
    );
    expect(tooFew.response.error_code).toBe(400);
  });

  it('copyMessage and forwardMessage', async () => {
    const bob = sandbox.createUser({ firstName: 'Bob' });
    const original = await ann.sendText(bot.token, 'Please call me at 5pm');
    const copy = await telegraf.telegram.copyMessage(bob.id, ann.id, original.messageId, {
      ...Markup.inlineKeyboard([Markup.button.callback('Call', 'call')]),
    });
    expect(copy).toEqual({ message_id: expect.any(Number) as unknown });
    const copied = sandbox
      .messages(bot.token, bob.id)
      .find((message) => message.message_id === copy.message_id);
    expect(copied).toMatchObject({
      from: { id: bot.id },
      text: 'Please call me at 5pm',
      reply_markup: { inline_keyboard: [[{ callback_data: 'call' }]] },
    });
    expect(copied?.forward_origin).toBeUndefined();

    const forwarded = await telegraf.telegram.forwardMessage(bob.id, ann.id, original.messageId);
    expect(forwarded).toMatchObject({
      text: 'Please call me at 5pm',
      forward_origin: { type: 'user', sender_user: { id: ann.id, first_name: 'Ann' } },
      forward_from: { id: ann.id },
    });
    const missing = await telegramError(telegraf.telegram.copyMessage(bob.id, ann.id, 99_999));
    expect(missing.response.description).toBe('Bad Request: message to copy not found');
  });

  it('pinChatMessage and unpinChatMessage', async () => {
    const address = await telegraf.telegram.sendMessage(ann.id, 'Address: Main St 5');
    expect(
      await telegraf.telegram.pinChatMessage(ann.id, address.message_id, { disable_notification: true }),
    ).toBe(true);
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)).toMatchObject({
      kind: 'pin',
      messageId: address.message_id,
    });
    const notice = sandbox.messages(bot.token, ann.id).at(-1);
    expect(notice?.pinned_message?.message_id).toBe(address.message_id);
    expect(await telegraf.telegram.unpinChatMessage(ann.id, address.message_id)).toBe(true);
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)).toMatchObject({
      kind: 'unpin',
      messageId: address.message_id,
    });
  });

  it('setMyCommands and getMyCommands, per scope and language', async () => {
    const commands = [
      { command: 'start', description: 'Start' },
      { command: 'tasks', description: 'My tasks' },
    ];
    expect(await telegraf.telegram.setMyCommands(commands)).toBe(true);
    expect(
      await telegraf.telegram.setMyCommands([{ command: 'start', description: 'Начать' }], {
        language_code: 'ru',
      }),
    ).toBe(true);
    expect(await telegraf.telegram.getMyCommands()).toEqual(commands);
    expect(await telegraf.telegram.getMyCommands({ language_code: 'ru' })).toEqual([
      { command: 'start', description: 'Начать' },
    ]);
    expect(await telegraf.telegram.getMyCommands({ scope: { type: 'all_group_chats' } })).toEqual([]);
    const invalid = await telegramError(
      telegraf.telegram.setMyCommands([{ command: 'Bad Command', description: 'x' }]),
    );
    expect(invalid.response.description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });

  it('sendChatAction', async () => {
    expect(await telegraf.telegram.sendChatAction(ann.id, 'upload_photo')).toBe(true);
    expect(sandbox.chatLog(bot.token, ann.id).at(-1)).toMatchObject({
      kind: 'chat_action',
      method: 'sendChatAction',
      params: { action: 'upload_photo' },
    });
  });

  it('messages() shows the chat as it stands: both sides, edits applied, deletions gone', () => {
    const messages = sandbox.messages(bot.token, ann.id);
    expect(messages[0]).toMatchObject({ from: { id: ann.id, is_bot: false }, text: '/start' });
    const ids = messages.map((message) => message.message_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
