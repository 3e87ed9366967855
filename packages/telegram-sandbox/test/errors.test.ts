import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '../src/index.js';
import { callBotApi, resultOf } from './support/bot-api-client.js';

// Telegram's error codes and texts, and the parameter encodings it accepts.

let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot();
  ann = sandbox.createUser({ firstName: 'Ann' });
});

afterAll(async () => {
  await sandbox.stop();
});

const failure = (status: number, description: string) => ({
  status,
  body: { ok: false, error_code: status, description },
});

describe('errors', () => {
  it('unknown method → 404 Not Found; bad token → 401 Unauthorized', async () => {
    expect(await callBotApi(sandbox, bot.token, 'sendTelepathy', {})).toEqual(failure(404, 'Not Found'));
    expect(await callBotApi(sandbox, `${bot.id}:wrong-secret`, 'getMe')).toEqual(
      failure(401, 'Unauthorized'),
    );
    const download = await fetch(`${sandbox.apiRoot}/file/bot${bot.token}/photos/missing.jpg`);
    expect(download.status).toBe(404);
  });

  it('missing or empty parameters → 400 naming them', async () => {
    expect(await callBotApi(sandbox, bot.token, 'sendMessage', { text: 'hi' })).toEqual(
      failure(400, 'Bad Request: chat_id is empty'),
    );
    for (const text of [undefined, '', '   ']) {
      expect(await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text })).toEqual(
        failure(400, 'Bad Request: message text is empty'),
      );
    }
    expect(
      await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'x'.repeat(4097) }),
    ).toEqual(failure(400, 'Bad Request: message is too long'));
  });

  it('chat not found', async () => {
    for (const chat_id of [424242, '@nobody', -100123]) {
      expect(await callBotApi(sandbox, bot.token, 'sendMessage', { chat_id, text: 'hi' })).toEqual(
        failure(400, 'Bad Request: chat not found'),
      );
    }
  });

  it('messages to edit, delete or reply to that do not exist', async () => {
    expect(
      await callBotApi(sandbox, bot.token, 'editMessageText', {
        chat_id: ann.id,
        message_id: 999,
        text: 'x',
      }),
    ).toEqual(failure(400, 'Bad Request: message to edit not found'));
    expect(
      await callBotApi(sandbox, bot.token, 'deleteMessage', { chat_id: ann.id, message_id: 999 }),
    ).toEqual(failure(400, 'Bad Request: message to delete not found'));
    expect(
      await callBotApi(sandbox, bot.token, 'sendMessage', {
        chat_id: ann.id,
        text: 'x',
        reply_parameters: { message_id: 999 },
      }),
    ).toEqual(failure(400, 'Bad Request: message to be replied not found'));
    const tolerated = await callBotApi(sandbox, bot.token, 'sendMessage', {
      chat_id: ann.id,
      text: 'x',
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect(tolerated.status).toBe(200);
  });

  it("a user's message cannot be edited; an unchanged edit is 'not modified'", async () => {
    const own = await ann.sendText(bot.token, 'mine');
    expect(
      await callBotApi(sandbox, bot.token, 'editMessageText', {
        chat_id: ann.id,
        message_id: own.messageId,
        text: 'x',
      }),
    ).toEqual(failure(400, "Bad Request: message can't be edited"));
    const sent = await resultOf<{ message_id: number }>(sandbox, bot.token, 'sendMessage', {
      chat_id: ann.id,
      text: 'same',
    });
    expect(
      await callBotApi(sandbox, bot.token, 'editMessageText', {
        chat_id: ann.id,
        message_id: sent.message_id,
        text: 'same',
      }),
    ).toEqual(
      failure(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      ),
    );
  });

  it('keyboards: callback_data over 64 bytes, buttons without an action, unparsable markup', async () => {
    const send = (reply_markup: unknown) =>
      callBotApi(sandbox, bot.token, 'sendMessage', { chat_id: ann.id, text: 'k', reply_markup });
    expect(await send({ inline_keyboard: [[{ text: 'Too long', callback_data: 'x'.repeat(65) }]] })).toEqual(
      failure(400, 'Bad Request: BUTTON_DATA_INVALID'),
    );
    // 64 bytes of UTF-8 is the limit, not 64 characters: 33 Cyrillic letters are 66 bytes.
    expect(await send({ inline_keyboard: [[{ text: 'Cyrillic', callback_data: 'я'.repeat(33) }]] })).toEqual(
      failure(400, 'Bad Request: BUTTON_DATA_INVALID'),
    );
    expect(
      (await send({ inline_keyboard: [[{ text: 'Fits', callback_data: 'x'.repeat(64) }]] })).status,
    ).toBe(200);
    expect(await send({ inline_keyboard: [[{ text: 'Nothing' }]] })).toEqual(
      failure(
        400,
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
      ),
    );
    expect(await send({ keyboard: 'not rows' })).toEqual(
      failure(400, "Bad Request: can't parse reply keyboard markup JSON object"),
    );
  });

  it("bad markup → can't parse entities", async () => {
    expect(
      await callBotApi(sandbox, bot.token, 'sendMessage', {
        chat_id: ann.id,
        text: 'Client <Acme> ok',
        parse_mode: 'HTML',
      }),
    ).toEqual(
      failure(400, 'Bad Request: can\'t parse entities: Unsupported start tag "acme" at byte offset 7'),
    );
    expect(
      await callBotApi(sandbox, bot.token, 'sendMessage', {
        chat_id: ann.id,
        text: 'Total: 5.00',
        parse_mode: 'MarkdownV2',
      }),
    ).toEqual(
      failure(
        400,
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      ),
    );
  });

  it('file ids: unknown, and another bot’s', async () => {
    expect(await callBotApi(sandbox, bot.token, 'getFile', { file_id: 'nope' })).toEqual(
      failure(400, 'Bad Request: invalid file_id'),
    );
    const other = sandbox.createBot();
    const photo = await ann.sendPhoto(other.token, {});
    const fileId = sandbox.messages(other.token, ann.id).find((m) => m.message_id === photo.messageId)
      ?.photo?.[0]?.file_id;
    expect(await callBotApi(sandbox, bot.token, 'sendPhoto', { chat_id: ann.id, photo: fileId })).toEqual(
      failure(400, 'Bad Request: wrong file identifier/HTTP URL specified'),
    );
  });
});

describe('parameter encodings', () => {
  it('query string with GET, urlencoded form with JSON-serialized objects, and case-insensitive method names', async () => {
    const viaQuery = await fetch(
      `${sandbox.apiRoot}/bot${bot.token}/sendMessage?chat_id=${ann.id}&text=${encodeURIComponent('from query')}`,
    );
    expect(await viaQuery.json()).toMatchObject({
      ok: true,
      result: { text: 'from query', chat: { id: ann.id } },
    });

    const form = new URLSearchParams({
      chat_id: String(ann.id),
      text: 'from form',
      disable_notification: 'true',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
    });
    const viaForm = await fetch(`${sandbox.apiRoot}/bot${bot.token}/sendmessage`, {
      method: 'POST',
      body: form,
    });
    expect(await viaForm.json()).toMatchObject({
      ok: true,
      result: { text: 'from form', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } },
    });

    const multipart = new FormData();
    multipart.append('chat_id', String(ann.id));
    multipart.append('caption', 'from multipart');
    multipart.append('document', new Blob([Buffer.from('hello file')]), 'notes.txt');
    const viaMultipart = await fetch(`${sandbox.apiRoot}/bot${bot.token}/sendDocument`, {
      method: 'POST',
      body: multipart,
    });
    expect(await viaMultipart.json()).toMatchObject({
      ok: true,
      result: {
        caption: 'from multipart',
        document: { file_name: 'notes.txt', mime_type: 'text/plain', file_size: 10 },
      },
    });
  });

  it('a body that is not JSON → 400', async () => {
    const response = await fetch(`${sandbox.apiRoot}/bot${bot.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: can't parse JSON",
    });
  });
});
