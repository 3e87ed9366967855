import { describe, expect, it } from 'vitest';
import { t } from '@fieldgram/bot-ui';
import type { WizardButtonAction } from '@fieldgram/bot-ui';
import type { WizardState } from '../session/session-store.js';
import { reportWizard, sentFile } from '../../test/support/report-wizard.js';
import { leftUnfinished } from './abandonment.js';
import { say, validateWizard, WizardDefinitionError, type WizardFile } from './definition.js';
import { advance, answersOf, filesAnswersOf, startState, type WizardOutcome } from './machine.js';
import { questionReply, summaryReply } from './wizard-views.js';

const report = reportWizard();
const T0 = 1_800_000_000_000;
const started = startState(report, {
  run: 'r1',
  userId: 'u1',
  context: {},
  now: T0,
  choices: {
    order: [
      { value: 'A-7', label: 'A-7' },
      { value: 'B-2', label: { en: 'Box B-2', ru: 'Коробка B-2' } },
    ],
  },
});
const photo = sentFile;
const press = (state: WizardState, action: WizardButtonAction, index?: number) =>
  advance(
    report,
    state,
    {
      kind: 'press',
      press: { action, run: 'r1', step: state.step, ...(index !== undefined ? { index } : {}) },
    },
    T0 + 1,
  );
const files = (state: WizardState, sent: WizardFile[]) =>
  advance(report, state, { kind: 'files', files: sent }, T0 + 1);
const text = (state: WizardState, sent: string) =>
  advance(report, state, { kind: 'text', text: sent }, T0 + 1);
const stateOf = (outcome: WizardOutcome): WizardState => {
  if (outcome.kind !== 'ask' && outcome.kind !== 'summary')
    throw new Error(`expected a state, got ${outcome.kind}`);
  return outcome.state;
};
const errorOf = (outcome: WizardOutcome, lang: 'en' | 'ru' = 'en') =>
  outcome.kind === 'ask' && outcome.error ? say(outcome.error, lang, {}) : undefined;
const atPhotos = stateOf(press(started, 'pick', 1));

describe('given choices (S1-02 payment methods, S1-03 latest waybills)', () => {
  it('are kept in the state, shown as buttons after the declared ones, picked by one tap; typing still answers', () => {
    expect(started.choices).toEqual({
      order: [
        { value: 'A-7', label: 'A-7' },
        { value: 'B-2', label: { en: 'Box B-2', ru: 'Коробка B-2' } },
      ],
    });
    const question = questionReply(report, started, 'ru');
    if (question.kind !== 'message' || !question.markup || !('inline_keyboard' in question.markup))
      throw new Error('expected buttons');
    expect(question.markup.inline_keyboard[0]!.map((b) => [b.text, b.callback_data])).toEqual([
      ['A-7', 'wz:pick:r1:0.0'],
      ['Коробка B-2', 'wz:pick:r1:0.1'],
    ]);
    expect(atPhotos).toMatchObject({ step: 1, data: { order: 'B-2' } });
    expect(press(started, 'pick', 2)).toEqual({ kind: 'stale' });
    expect(stateOf(text(started, 'C-9'))).toMatchObject({ step: 1, data: { order: 'C-9' } });
  });
});

describe('a files step (S1-03 photos and scans)', () => {
  it('takes photos one by one and albums at once, counting them, until Done', () => {
    const one = files(atPhotos, [photo(1)]);
    expect(one).toEqual({
      kind: 'ask',
      state: { ...atPhotos, data: { order: 'B-2', photos: [photo(1)] }, updatedAt: T0 + 1 },
    });
    const album = stateOf(files(stateOf(one), [photo(2), photo(3, { kind: 'document' })]));
    expect(filesAnswersOf(report, album).photos).toEqual([
      photo(1),
      photo(2),
      photo(3, { kind: 'document' }),
    ]);
    expect(answersOf(album)).toEqual({ order: 'B-2' });
    const shown = questionReply(report, album, 'en');
    expect(shown.kind === 'message' && shown.text).toBe(
      `Step 2/3\nSend the photos, then tap Done.\n${t('en', 'wizard.media.count', { count: 3, max: 3 })}`,
    );
    const done = press(album, 'done');
    expect(done).toMatchObject({ kind: 'ask', state: { step: 2 } });
    expect(stateOf(done).data.photos).toHaveLength(3);
  });

  it('refuses what it cannot take with a clear message, losing nothing: text, a sticker, a voice note, a big file, too many', () => {
    const one = stateOf(files(atPhotos, [photo(1)]));
    const typed = text(one, 'here they are');
    expect(typed).toMatchObject({ kind: 'ask', state: { step: 1, data: { photos: [photo(1)] } } });
    expect(errorOf(typed)).toBe(t('en', 'wizard.media.expected'));
    const sticker = files(one, [photo(2, { kind: 'sticker' }), photo(3, { kind: 'voice' })]);
    expect(stateOf(sticker).data.photos).toEqual([photo(1)]);
    expect(errorOf(sticker)).toBe(
      t('en', 'wizard.media.kindRefused', { kinds: 'stickers, voice notes', allowed: 'photos, documents' }),
    );
    const big = files(one, [photo(4, { kind: 'document', fileSize: 50 * 2 ** 20 })]);
    expect(errorOf(big, 'ru')).toBe(t('ru', 'wizard.media.tooBig', { count: 1, mb: 1 }));
    const many = files(one, [photo(5), photo(6), photo(7), photo(8)]);
    expect(stateOf(many).data.photos).toEqual([photo(1), photo(5), photo(6)]);
    expect(errorOf(many)).toBe(t('en', 'wizard.media.tooMany', { max: 3, count: 2 }));
  });

  it('a wizard left at its files step reports the files attached so far (for S1-07)', () => {
    const one = stateOf(files(atPhotos, [photo(1)]));
    expect(leftUnfinished(report, one, { reason: 'cancel', chatId: 7, now: T0 })).toMatchObject({
      step: 2,
      answers: { order: 'B-2' },
      files: { photos: [photo(1)] },
    });
    expect(leftUnfinished(report, atPhotos, { reason: 'cancel', chatId: 7, now: T0 })).not.toHaveProperty(
      'files',
    );
  });

  it('the late parts of an album join it, even after Done; at the summary its count grows (S1-03)', () => {
    const album = (state: WizardState, sent: WizardFile[]) =>
      advance(report, state, { kind: 'files', files: sent, albumId: 'g-1' }, T0 + 1);
    const firstParts = stateOf(album(atPhotos, [photo(1)]));
    expect(firstParts.albums).toEqual({ 'g-1': 'photos' });
    const atNote = stateOf(press(firstParts, 'done'));
    // A busy gateway got the album's second part apart: it joins the photos, the note is asked again.
    const late = album(atNote, [photo(2)]);
    expect(late).toMatchObject({ kind: 'ask', state: { step: 2 } });
    expect(errorOf(late)).toBeUndefined();
    const atSummary = stateOf(text(stateOf(late), 'fragile'));
    const later = album(atSummary, [photo(3), photo(2)]);
    expect(later).toMatchObject({ kind: 'summary' });
    expect(later).not.toMatchObject({ hint: true });
    expect(filesAnswersOf(report, stateOf(later)).photos).toEqual([photo(1), photo(2), photo(3)]);
    // Beyond the maximum it is told, and another album is still only a hint.
    expect(errorOf(album(stateOf(album(atNote, [photo(2), photo(3)])), [photo(4)]))).toBe(
      t('en', 'wizard.media.tooMany', { max: 3, count: 1 }),
    );
    expect(files(atSummary, [photo(5)])).toMatchObject({ kind: 'summary', hint: true });
  });

  it('Done needs the minimum; Remove all starts over; its buttons elsewhere are stale', () => {
    const tooFew = press(atPhotos, 'done');
    expect(tooFew).toMatchObject({ kind: 'ask', state: { step: 1 } });
    expect(errorOf(tooFew)).toBe(t('en', 'wizard.media.tooFew', { min: 1 }));
    const cleared = press(stateOf(files(atPhotos, [photo(1)])), 'clear');
    expect(stateOf(cleared).data).toEqual({ order: 'B-2' });
    expect(press(started, 'done')).toEqual({ kind: 'stale' });
    expect(press(started, 'clear')).toEqual({ kind: 'stale' });
  });

  it('files where text is expected re-ask that step; at the summary they only hint', () => {
    const atNote = stateOf(press(stateOf(files(atPhotos, [photo(1)])), 'done'));
    const photoInstead = files(atNote, [photo(2)]);
    expect(photoInstead).toMatchObject({ kind: 'ask', state: { step: 2 } });
    expect(errorOf(photoInstead)).toBe(t('en', 'wizard.invalid.text'));
    const atSummary = stateOf(text(atNote, 'fragile'));
    expect(files(atSummary, [photo(3)])).toMatchObject({ kind: 'summary', hint: true });
    const summary = summaryReply(report, atSummary, 'en');
    expect(summary.kind === 'message' && summary.text).toBe(
      `Please check, then confirm:\nOrder: Box B-2\nPhotos: ${t('en', 'wizard.media.shown', { count: 1 })}\nNote: fragile`,
    );
    expect(press(atSummary, 'confirm')).toEqual({
      kind: 'confirmed',
      confirmed: { answers: { order: 'B-2', note: 'fragile' }, context: {}, files: { photos: [photo(1)] } },
    });
  });

  it('is refused at startup when it also has a parser, or no kinds, or min over max', () => {
    const [order, photos, note] = report.steps;
    const broken = [
      { ...photos!, parse: note!.parse },
      { ...photos!, files: { ...photos!.files!, kinds: [] } },
      { ...photos!, files: { ...photos!.files!, min: 4 } },
    ];
    for (const step of broken)
      expect(() => validateWizard({ ...report, steps: [order!, step] })).toThrow(WizardDefinitionError);
    expect(() => validateWizard(report)).not.toThrow();
  });
});
