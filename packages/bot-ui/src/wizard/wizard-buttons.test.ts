import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES } from '../callback/callback-codec.js';
import {
  readWizardPress,
  wizardFilesKeyboard,
  wizardStepKeyboard,
  wizardSummaryKeyboard,
} from './wizard-buttons.js';

const data = (markup: { inline_keyboard: { callback_data?: string; text: string }[][] }) =>
  markup.inline_keyboard.map((row) => row.map((b) => `${b.text} ${b.callback_data}`));

describe('wizard buttons', () => {
  it('lay out a question: choices two to a row, Skip when optional, Back after the first step, Cancel', () => {
    const keyboard = wizardStepKeyboard('en', {
      run: 'r1',
      step: 1,
      choices: ['S', 'M', 'L'],
      skippable: true,
      canGoBack: true,
    });
    expect(data(keyboard)).toEqual([
      ['S wz:pick:r1:1.0', 'M wz:pick:r1:1.1'],
      ['L wz:pick:r1:1.2'],
      ['⏭ Skip wz:skip:r1:1'],
      ['⬅️ Back wz:back:r1:1', '✖️ Cancel wz:cancel:r1:1'],
    ]);
    const first = wizardStepKeyboard('ru', {
      run: 'r1',
      step: 0,
      choices: [],
      skippable: false,
      canGoBack: false,
    });
    expect(data(first)).toEqual([['✖️ Отмена wz:cancel:r1:0']]);
  });

  it('lay out the summary: one edit button per field, Confirm, Back, Cancel', () => {
    expect(
      data(wizardSummaryKeyboard('en', { run: 'r1', step: 3, fields: ['Weight', 'Size', 'Note'] })),
    ).toEqual([
      ['✏️ Weight wz:edit:r1:3.0', '✏️ Size wz:edit:r1:3.1'],
      ['✏️ Note wz:edit:r1:3.2'],
      ['✅ Confirm wz:confirm:r1:3'],
      ['⬅️ Back wz:back:r1:3', '✖️ Cancel wz:cancel:r1:3'],
    ]);
  });

  it('lay out a files step: Done once enough are attached, Remove all once there are some, Back, Cancel', () => {
    const first = { run: 'r1', step: 4, count: 0, canFinish: true, canGoBack: true };
    expect(data(wizardFilesKeyboard('en', first))).toEqual([
      ['✅ Done wz:done:r1:4'],
      ['⬅️ Back wz:back:r1:4', '✖️ Cancel wz:cancel:r1:4'],
    ]);
    expect(data(wizardFilesKeyboard('ru', { ...first, count: 3 }))).toEqual([
      ['✅ Готово wz:done:r1:4'],
      ['🗑 Убрать все wz:clear:r1:4'],
      ['⬅️ Назад wz:back:r1:4', '✖️ Отмена wz:cancel:r1:4'],
    ]);
    expect(data(wizardFilesKeyboard('en', { ...first, canFinish: false, canGoBack: false }))).toEqual([
      ['✖️ Cancel wz:cancel:r1:4'],
    ]);
    expect(readWizardPress('wz:done:r1:4')).toEqual({ action: 'done', run: 'r1', step: 4 });
    expect(readWizardPress('wz:clear:r1:4')).toEqual({ action: 'clear', run: 'r1', step: 4 });
    expect(readWizardPress('wz:done:r1:4.1')).toBeUndefined();
  });

  it('read back what they encode, within 64 bytes, and nothing malformed', () => {
    const longest = wizardSummaryKeyboard('en', { run: 'Ab-_1234', step: 999, fields: ['x'] });
    for (const row of longest.inline_keyboard)
      for (const b of row)
        expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(readWizardPress('wz:pick:r1:1.2')).toEqual({ action: 'pick', run: 'r1', step: 1, index: 2 });
    expect(readWizardPress('wz:confirm:r1:3')).toEqual({ action: 'confirm', run: 'r1', step: 3 });
    for (const raw of [
      'wz:pick:r1:1',
      'wz:back:r1:1.0',
      'wz:back:r1',
      'wz:back:r1:x',
      'wz:jump:r1:1',
      'task:back:r1:1',
    ])
      expect(readWizardPress(raw), raw).toBeUndefined();
  });
});
