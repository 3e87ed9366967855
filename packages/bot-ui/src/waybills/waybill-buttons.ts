import { callbackNamespace } from '../callback/callback-codec.js';
import { callbackButton, inlineKeyboard } from '../keyboards/inline.js';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from '../keyboards/markup.js';

/**
 * The client's waybill buttons (S1-02): `wb:open:<waybillId>` opens one of "My waybills" (its
 * card and its PDF again). The data only names the waybill; whose it is, the bot asks the
 * waybill service, so another client's id opens nothing.
 */
export const WAYBILL_BUTTONS = callbackNamespace('wb', ['open']);

/** The pager's list name of "My waybills" (`pg:waybills:<page>`). */
export const MY_WAYBILLS_LIST = 'waybills';

/** One button a waybill, newest first, with the pager row under them. */
export function waybillListKeyboard(
  items: readonly { id: string; label: string }[],
  pager: readonly InlineKeyboardButton[],
): InlineKeyboardMarkup {
  return inlineKeyboard([
    ...items.map((item) => [callbackButton(item.label, WAYBILL_BUTTONS.encode('open', item.id))]),
    pager,
  ]);
}
