import { describe, expect, it } from 'vitest';
import { messages } from '@fieldgram/contracts';
import { toTgOut, type Outgoing } from './outgoing.js';

describe('toTgOut', () => {
  const envelopeId = '0194f1a2-7b3c-7def-8a9b-0123456789ab';
  const replies: Outgoing[] = [
    { kind: 'callback-answer', callbackQueryId: 'q1', text: 'This button is no longer active.' },
    { kind: 'message', text: 'hi', markup: { remove_keyboard: true }, replyTo: 5 },
    { kind: 'callback-answer', callbackQueryId: 'q2', text: 'blocked', alert: true },
  ];

  it('keys each command by the update and its position, so a redelivered update repeats the same keys', () => {
    const commands = toTgOut(envelopeId, 42, replies);
    expect(commands.map((c) => c.idempotencyKey)).toEqual([
      `conv:${envelopeId}:0`,
      `conv:${envelopeId}:1`,
      `conv:${envelopeId}:2`,
    ]);
    expect(toTgOut(envelopeId, 42, replies)).toEqual(commands);
    for (const command of commands) expect(messages['tg.out'].data.safeParse(command).success).toBe(true);
  });

  it('maps messages and callback answers to Bot API parameters', () => {
    const [answer, message, alert] = toTgOut(envelopeId, 42, replies);
    expect(answer).toMatchObject({
      chatId: 42,
      method: 'answerCallbackQuery',
      params: { callback_query_id: 'q1', text: 'This button is no longer active.' },
    });
    expect(message).toEqual({
      idempotencyKey: `conv:${envelopeId}:1`,
      chatId: 42,
      method: 'sendMessage',
      params: {
        text: 'hi',
        reply_markup: { remove_keyboard: true },
        reply_parameters: { message_id: 5, allow_sending_without_reply: true },
      },
    });
    expect(alert?.params).toEqual({ callback_query_id: 'q2', text: 'blocked', show_alert: true });
  });

  it('sends a stored file as a document, and files Telegram has one alone or as an album (S1-02, S1-06)', () => {
    const [pdf, album, single] = toTgOut(envelopeId, 42, [
      { kind: 'document', storageKey: 'waybills/wb-1.pdf', fileName: 'WB-2026-000001.pdf', caption: 'WB' },
      {
        kind: 'files',
        files: [
          { type: 'photo', fileId: 'p1' },
          { type: 'photo', fileId: 'p2' },
        ],
      },
      { kind: 'files', files: [{ type: 'document', fileId: 'd1' }] },
    ]);
    expect(pdf).toMatchObject({
      method: 'sendDocument',
      params: {
        document: { storageKey: 'waybills/wb-1.pdf', fileName: 'WB-2026-000001.pdf' },
        caption: 'WB',
      },
    });
    expect(album).toMatchObject({
      method: 'sendMediaGroup',
      params: {
        media: [
          { type: 'photo', media: 'p1' },
          { type: 'photo', media: 'p2' },
        ],
      },
    });
    expect(single).toMatchObject({ method: 'sendDocument', params: { document: 'd1' } });
  });
});
