import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES } from '../callback/callback-codec.js';
import {
  TASK_BUTTONS,
  taskCompleteKeyboard,
  taskOfferKeyboard,
  taskSkipReasonKeyboard,
} from './task-buttons.js';

const UUID = '0194f1a2-7c3d-7abc-8def-0123456789ab';

describe('task buttons', () => {
  it('encode task:<action>:<id> within 64 bytes and parse back only known actions', () => {
    const data = TASK_BUTTONS.encode('accept', UUID);
    expect(data).toBe(`task:accept:${UUID}`);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(TASK_BUTTONS.parse(data)).toEqual({ action: 'accept', id: UUID });
    expect(TASK_BUTTONS.parse(`task:delete:${UUID}`)).toBeUndefined();
    expect(TASK_BUTTONS.parse(`pg:accept:${UUID}`)).toBeUndefined();
  });

  it('lay out Accept/Reject, Skip and Mark as Completed in the language asked for', () => {
    expect(taskOfferKeyboard('en', UUID).inline_keyboard).toEqual([
      [
        { text: '✅ Accept', callback_data: `task:accept:${UUID}` },
        { text: '❌ Reject', callback_data: `task:reject:${UUID}` },
      ],
    ]);
    expect(taskSkipReasonKeyboard('ru', UUID).inline_keyboard[0]![0]!.callback_data).toBe(
      `task:skip:${UUID}`,
    );
    expect(taskCompleteKeyboard('en', UUID).inline_keyboard[0]![0]).toEqual({
      text: '✔️ Mark as Completed',
      callback_data: `task:complete:${UUID}`,
    });
  });
});
