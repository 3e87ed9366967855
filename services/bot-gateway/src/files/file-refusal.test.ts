import { describe, expect, it } from 'vitest';
import { TelegramApiError } from '../telegram/bot-api-client.js';
import { fileRefusal } from './file-refusal.js';

describe('fileRefusal (S1-03)', () => {
  it("reads getFile's 400s: too big, or a file_id Telegram does not know", () => {
    expect(
      fileRefusal(new TelegramApiError('getFile', 400, 'Bad Request: file is too big'))?.details,
    ).toEqual({ reason: 'too_big', telegram: 'Bad Request: file is too big' });
    expect(fileRefusal(new TelegramApiError('getFile', 400, 'Bad Request: invalid file_id'))).toEqual({
      message: 'Telegram refused the file: Bad Request: invalid file_id',
      details: { reason: 'refused', telegram: 'Bad Request: invalid file_id' },
    });
  });

  it('leaves outages, failed downloads and other errors to the caller', () => {
    expect(fileRefusal(new TelegramApiError('getFile', 502, 'Bad Gateway'))).toBeNull();
    expect(fileRefusal(new TelegramApiError('download', 404, 'HTTP 404 for the file'))).toBeNull();
    expect(fileRefusal(new TelegramApiError('getFile', 401, 'Unauthorized'))).toBeNull();
    expect(fileRefusal(new Error('disk full'))).toBeNull();
  });
});
