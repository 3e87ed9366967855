// S1-03: a claim's files follow the manager's push as albums, generically: any rule's `attachments`.
import { describe, expect, it } from 'vitest';
import { attachedFiles, telegramSends } from './attachments.js';
import type { AttachedFile } from './rule.js';

const photo = (n: number): AttachedFile => ({ kind: 'photo', fileId: `photo-${n}` });
const doc = (n: number): AttachedFile => ({ kind: 'document', fileId: `doc-${n}` });

describe('a push with files, as Bot API calls (S1-03)', () => {
  it('is the text alone without files', () => {
    expect(telegramSends('Hi', [], true)).toEqual([
      { method: 'sendMessage', params: { text: 'Hi' }, files: [] },
    ]);
  });

  it('sends the text first, then the photos as an album, then the documents as their own album', () => {
    const files = [photo(1), doc(1), photo(2), doc(2), photo(3)];
    expect(telegramSends('Claim', files, true)).toEqual([
      { method: 'sendMessage', params: { text: 'Claim' }, files: [] },
      {
        method: 'sendMediaGroup',
        params: {
          media: [
            { type: 'photo', media: 'photo-1' },
            { type: 'photo', media: 'photo-2' },
            { type: 'photo', media: 'photo-3' },
          ],
        },
        files: [photo(1), photo(2), photo(3)],
      },
      {
        method: 'sendMediaGroup',
        params: {
          media: [
            { type: 'document', media: 'doc-1' },
            { type: 'document', media: 'doc-2' },
          ],
        },
        files: [doc(1), doc(2)],
      },
    ]);
  });

  it('sends a lone file by itself: sendPhoto, sendDocument, sendVideo', () => {
    expect(telegramSends('One', [photo(1)], true).map((send) => [send.method, send.params])).toEqual([
      ['sendMessage', { text: 'One' }],
      ['sendPhoto', { photo: 'photo-1' }],
    ]);
    expect(
      telegramSends('Two', [photo(1), doc(1)], true)
        .slice(1)
        .map((send) => send.method),
    ).toEqual(['sendPhoto', 'sendDocument']);
    const video: AttachedFile = { kind: 'video', fileId: 'video-1' };
    expect(telegramSends('Clip', [video], true)[1]).toMatchObject({
      method: 'sendVideo',
      params: { video: 'video-1' },
    });
    // Photos and videos share an album, as Telegram allows.
    expect(telegramSends('Mix', [photo(1), video], true)[1]?.method).toBe('sendMediaGroup');
  });

  it('splits more than 10 files into albums of at most 10', () => {
    const photos = Array.from({ length: 12 }, (_, i) => photo(i));
    const sends = telegramSends('Many', photos, true).slice(1);
    expect(sends.map((send) => send.files.length)).toEqual([10, 2]);
    expect(sends.map((send) => send.method)).toEqual(['sendMediaGroup', 'sendMediaGroup']);
  });

  it('keeps a quiet push quiet in every call', () => {
    for (const send of telegramSends('Shh', [photo(1), photo(2), doc(1)], false))
      expect(send.params.disable_notification, send.method).toBe(true);
  });

  it("reads the files from the rule's field of the event, skipping what is no file", () => {
    const data = {
      files: [photo(1), { kind: 'sticker', fileId: 's' }, { kind: 'document', fileId: '' }, doc(2)],
    };
    expect(attachedFiles(data, 'files')).toEqual([photo(1), doc(2)]);
    expect(attachedFiles(data, undefined)).toEqual([]);
    expect(() => attachedFiles({ files: null }, 'files')).toThrow(/list of files/);
  });
});
