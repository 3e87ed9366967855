import { describe, expect, it } from 'vitest';
import { t } from '@fieldgram/bot-ui';
import type { FilesRule, WizardFile } from './definition.js';
import { collectFiles, filesOf, refusedFilesText } from './files.js';
import { sentFile } from '../../test/support/report-wizard.js';

const rule: FilesRule = { kinds: ['photo', 'document'], min: 0, max: 3, maxBytes: 20 * 2 ** 20 };
const file = (n: number, changes: Partial<WizardFile> = {}) => sentFile(n, { fileSize: 1000, ...changes });

describe('the files a files step takes (S1-03)', () => {
  it('attaches photos and documents in order, one by one or as an album, up to the maximum', () => {
    const first = collectFiles(rule, [], [file(1)]);
    expect(first).toEqual({ files: [file(1)], wrongKinds: [], tooBig: 0, overMax: 0 });
    const album = collectFiles(rule, first.files, [file(2), file(3, { kind: 'document' }), file(4)]);
    expect(album.files.map((f) => f.fileId)).toEqual(['f1', 'f2', 'f3']);
    expect(album.overMax).toBe(1);
    expect(refusedFilesText(rule, first)).toBeUndefined();
  });

  it('refuses other kinds (a sticker, a voice note) and files over the size limit, keeping the rest', () => {
    const sent = [
      file(1, { kind: 'sticker' }),
      file(2, { kind: 'voice' }),
      file(3, { kind: 'sticker' }),
      file(4, { kind: 'document', fileSize: 50 * 2 ** 20 }),
      file(5, { fileSize: undefined }),
    ];
    const collected = collectFiles(rule, [file(9)], sent);
    expect(collected).toEqual({
      files: [file(9), file(5, { fileSize: undefined })],
      wrongKinds: ['sticker', 'voice'],
      tooBig: 1,
      overMax: 0,
    });
    const text = refusedFilesText(rule, collected);
    if (typeof text !== 'function') throw new Error('expected a text');
    expect(text('en', {})).toBe(
      [
        t('en', 'wizard.media.kindRefused', { kinds: 'stickers, voice notes', allowed: 'photos, documents' }),
        t('en', 'wizard.media.tooBig', { count: 1, mb: 20 }),
      ].join('\n'),
    );
    expect(text('ru', {})).toContain('стикеры, голосовые сообщения');
  });

  it('does not attach the same Telegram file twice (a redelivered update)', () => {
    const once = collectFiles(rule, [], [file(1), file(2)]);
    expect(collectFiles(rule, once.files, [file(1), file(2)])).toEqual({ ...once, overMax: 0 });
    expect(filesOf([file(1), { fileId: 'no kind' }, 'x'])).toEqual([file(1)]);
    expect(filesOf(undefined)).toEqual([]);
  });
});
