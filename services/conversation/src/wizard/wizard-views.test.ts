import { describe, expect, it } from 'vitest';
import { t } from '@fieldgram/bot-ui';
import type { Outgoing } from '../core/outgoing.js';
import { parcelWizard } from '../../test/support/parcel-wizard.js';
import { startState } from './machine.js';
import { questionReply, summaryReply } from './wizard-views.js';

const parcel = parcelWizard();
const started = startState(parcel, { run: 'r1', userId: 'u1', context: {}, now: 0 });
const buttons = (reply: Outgoing) =>
  reply.kind === 'message' && reply.markup && 'inline_keyboard' in reply.markup
    ? reply.markup.inline_keyboard.map((row) => row.map((b) => b.callback_data))
    : [];
const textOf = (reply: Outgoing) => (reply.kind === 'message' ? reply.text : '');

describe('what a wizard shows', () => {
  it('a question: Step n/N, the question, and its buttons', () => {
    const first = questionReply(parcel, started, 'en');
    expect(textOf(first)).toBe('Step 1/3\nWeight of the parcel in kg?');
    expect(buttons(first)).toEqual([['wz:cancel:r1:0']]);
    const size = questionReply(parcel, { ...started, step: 1, data: { weight: 3 } }, 'ru');
    expect(textOf(size)).toBe(`${t('ru', 'wizard.step', { step: 2, total: 3 })}\nSize?`);
    expect(buttons(size)).toEqual([
      ['wz:pick:r1:1.0', 'wz:pick:r1:1.1'],
      ['wz:pick:r1:1.2'],
      ['wz:back:r1:1', 'wz:cancel:r1:1'],
    ]);
  });

  it('asked again: the error with its example first, and the answer kept so far', () => {
    const invalid = parcel.steps[0]!.parse!('heavy');
    const error = invalid.ok ? undefined : invalid.error;
    const again = questionReply(parcel, { ...started, data: { weight: 3 } }, 'en', error);
    expect(textOf(again)).toBe('Weight in kg, e.g. 12.5\n\nStep 1/3\nWeight of the parcel in kg?\nNow: 3 kg');
    const note = questionReply(parcel, { ...started, step: 2, data: { weight: 3, size: 'm' } }, 'en');
    expect(buttons(note)).toEqual([['wz:skip:r1:2'], ['wz:back:r1:2', 'wz:cancel:r1:2']]);
  });

  it('the summary: every answer (choices by label, skipped as —), ✏️ each field, ✅ Confirm', () => {
    const summary = summaryReply(parcel, { ...started, step: 3, data: { weight: 12.5, size: 'm' } }, 'en');
    expect(textOf(summary)).toBe('Please check, then confirm:\nWeight: 12.5 kg\nSize: M\nNote: —');
    expect(buttons(summary)).toEqual([
      ['wz:edit:r1:3.0', 'wz:edit:r1:3.1'],
      ['wz:edit:r1:3.2'],
      ['wz:confirm:r1:3'],
      ['wz:back:r1:3', 'wz:cancel:r1:3'],
    ]);
    const hinted = summaryReply(parcel, { ...started, step: 3, data: { weight: 1, size: 's' } }, 'en', true);
    expect(textOf(hinted)).toMatch(/^Tap “✅ Confirm”, or a field to change it\.\n\nPlease check/);
  });
});
