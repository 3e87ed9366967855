import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES } from '../callback/callback-codec.js';
import { readWizardPress, wizardStepKeyboard, wizardSummaryKeyboard } from './wizard-buttons.js';

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
