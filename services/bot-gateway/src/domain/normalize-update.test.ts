import { describe, expect, it } from 'vitest';
import { mergeAlbum, normalizeUpdate, parseCommand, type AlbumPart } from './normalize-update.js';
import { TelegramUpdateSchema, type TelegramUpdate } from './telegram-update.js';

const from = { id: 7, is_bot: false, first_name: 'Ann', username: 'ann', language_code: 'ru' };
const chat = { id: 7, type: 'private' as const };

function update(fields: Partial<TelegramUpdate>): TelegramUpdate {
  return TelegramUpdateSchema.parse({ update_id: 100, ...fields });
}
function message(fields: Record<string, unknown>) {
  return { message_id: 5, date: 1_700_000_000, chat, from, ...fields };
}

describe('normalizeUpdate', () => {
  it('turns a text into tg.in.message with the chat partition key', () => {
    const result = normalizeUpdate(update({ message: message({ text: 'hello' }) }));
    expect(result).toEqual({
      kind: 'event',
      event: {
        type: 'tg.in.message',
        partitionKey: 'chat:7',
        data: {
          updateId: 100,
          chat: { id: 7, type: 'private' },
          from: { id: 7, isBot: false, firstName: 'Ann', username: 'ann', languageCode: 'ru' },
          date: 1_700_000_000,
          messageId: 5,
          text: 'hello',
        },
      },
    });
  });

  it('turns /start with a deep-link payload into tg.in.command', () => {
    const result = normalizeUpdate(
      update({
        message: message({
          text: '/start inv_abc',
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        }),
      }),
    );
    expect(result).toMatchObject({
      kind: 'event',
      event: { type: 'tg.in.command', data: { command: 'start', payload: 'inv_abc' } },
    });
  });

  it('reads a shared contact, a callback press and a membership change', () => {
    expect(
      normalizeUpdate(update({ message: message({ contact: { phone_number: '+7999', user_id: 7 } }) })),
    ).toMatchObject({
      event: { type: 'tg.in.contact', data: { phoneNumber: '+7999', contactUserId: 7 } },
    });
    expect(
      normalizeUpdate(
        update({
          callback_query: {
            id: 'q1',
            from,
            message: message({ text: 'offer' }),
            data: 'task:accept:42',
          },
        }),
      ),
    ).toMatchObject({
      event: {
        type: 'tg.in.callback',
        partitionKey: 'chat:7',
        data: { callbackQueryId: 'q1', messageId: 5, data: 'task:accept:42' },
      },
    });
    expect(
      normalizeUpdate(
        update({
          my_chat_member: {
            chat,
            from,
            date: 1,
            old_chat_member: { status: 'member' },
            new_chat_member: { status: 'kicked' },
          },
        }),
      ),
    ).toMatchObject({
      event: { type: 'tg.in.my_chat_member', data: { oldStatus: 'member', newStatus: 'kicked' } },
    });
  });

  it('keeps the largest photo size, and marks album parts for aggregation', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280, file_size: 1000 },
    ];
    expect(normalizeUpdate(update({ message: message({ photo, caption: 'car' }) }))).toMatchObject({
      event: {
        type: 'tg.in.media',
        data: { caption: 'car', files: [{ kind: 'photo', fileId: 'large', fileSize: 1000 }] },
      },
    });
    expect(normalizeUpdate(update({ message: message({ photo, media_group_id: 'g1' }) }))).toMatchObject({
      kind: 'album-part',
      albumKey: '7:g1',
      part: { mediaGroupId: 'g1', file: { fileId: 'large' } },
    });
  });

  it('ignores what it does not handle instead of failing', () => {
    expect(normalizeUpdate(update({}))).toEqual({ kind: 'ignored', reason: 'update kind not handled' });
    expect(normalizeUpdate(update({ message: { message_id: 1, date: 1, chat } }))).toMatchObject({
      kind: 'ignored',
    });
  });
});

describe('parseCommand', () => {
  it('strips the bot name and lower-cases the command', () => {
    expect(
      parseCommand({
        text: '/Help@fieldgram_bot',
        entities: [{ type: 'bot_command', offset: 0, length: 19 }],
      }),
    ).toEqual({
      command: 'help',
      payload: '',
    });
    expect(
      parseCommand({ text: 'not /a command', entities: [{ type: 'bot_command', offset: 4, length: 2 }] }),
    ).toBeUndefined();
  });
});

describe('mergeAlbum', () => {
  it('orders the parts by message id and keeps the caption', () => {
    const part = (messageId: number, caption?: string): AlbumPart => ({
      updateId: 200 + messageId,
      chat: { id: 7, type: 'private' },
      from: { id: 7, isBot: false, firstName: 'Ann' },
      date: 1,
      messageId,
      mediaGroupId: 'g1',
      ...(caption ? { caption } : {}),
      file: { kind: 'photo', fileId: `f${messageId}`, fileUniqueId: `u${messageId}` },
    });
    const merged = mergeAlbum([part(12), part(10, 'front'), part(11)]);
    expect(merged).toMatchObject({
      type: 'tg.in.media',
      data: { updateId: 210, messageIds: [10, 11, 12], caption: 'front', mediaGroupId: 'g1' },
    });
    expect(merged.data.files.map((file) => file.fileId)).toEqual(['f10', 'f11', 'f12']);
  });
});
