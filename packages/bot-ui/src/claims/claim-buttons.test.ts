import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES } from '../callback/callback-codec.js';
import { callbackButton } from '../keyboards/inline.js';
import { WAYBILL_BUTTONS, waybillListKeyboard } from '../waybills/waybill-buttons.js';
import {
  CLAIM_BUTTONS,
  claimCardKeyboard,
  claimCommentKeyboard,
  claimListKeyboard,
  isClaimFilter,
} from './claim-buttons.js';

const UUID = '0194f1a2-7b3c-7def-8abc-1234567890ab';
const data = (markup: { inline_keyboard: { callback_data?: string; text: string }[][] }) =>
  markup.inline_keyboard.map((row) => row.map((b) => `${b.text} ${b.callback_data}`));

describe('waybill and claim buttons (S1-02, S1-06)', () => {
  it('a waybill list: one button a waybill, then the pager', () => {
    const pager = [callbackButton('Next ›', 'pg:waybills:2')];
    expect(data(waybillListKeyboard([{ id: UUID, label: 'WB-2026-000001' }], pager))).toEqual([
      [`WB-2026-000001 wb:open:${UUID}`],
      ['Next › pg:waybills:2'],
    ]);
    expect(WAYBILL_BUTTONS.parse(`wb:open:${UUID}`)).toEqual({ action: 'open', id: UUID });
  });

  it('the claims list: claims, pager, the filters with the chosen one marked, Clear the search', () => {
    const keyboard = claimListKeyboard('en', {
      items: [{ id: UUID, label: 'CL-2026-000001' }],
      page: 3,
      filter: 'new',
      searching: true,
      pager: [],
    });
    expect(data(keyboard)).toEqual([
      [`CL-2026-000001 cl:open:${UUID}:3`],
      ['All cl:filter:all', '• New cl:filter:new', 'In review cl:filter:in_review'],
      ['Resolved cl:filter:resolved', 'Rejected cl:filter:rejected'],
      ['✖️ Clear the search cl:clear:new'],
    ]);
    expect(
      data(claimListKeyboard('ru', { items: [], page: 1, filter: 'all', searching: false, pager: [] }))[0],
    ).toEqual(['• Все cl:filter:all', 'Новые cl:filter:new', 'В работе cl:filter:in_review']);
    expect(isClaimFilter('in_review')).toBe(true);
    expect(isClaimFilter('open')).toBe(false);
  });

  it('a claim card: the moves allowed and Back; the comment question: Cancel; all within 64 bytes', () => {
    const back = callbackButton('⬅️ Back to the list', 'pg:claims:3:in_review');
    const card = claimCardKeyboard('en', UUID, ['resolve', 'reject'], back);
    expect(data(card)).toEqual([
      [`✅ Resolve cl:resolve:${UUID}`, `❌ Reject cl:reject:${UUID}`],
      ['⬅️ Back to the list pg:claims:3:in_review'],
    ]);
    expect(data(claimCommentKeyboard('en', UUID))).toEqual([[`✖️ Cancel cl:cancel:${UUID}`]]);
    for (const row of card.inline_keyboard)
      for (const b of row)
        expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(CLAIM_BUTTONS.parse(`cl:review:${UUID}`)).toEqual({ action: 'review', id: UUID });
    expect(CLAIM_BUTTONS.parse(`cl:delete:${UUID}`)).toBeUndefined();
  });
});
