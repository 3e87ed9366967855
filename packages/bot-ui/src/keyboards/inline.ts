import { encodeCallback, type CallbackData } from '../callback/callback-codec.js';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from './markup.js';

/** A button that answers with callback data (encoded, so its 64-byte limit is checked here). */
export function callbackButton(text: string, data: CallbackData | string): InlineKeyboardButton {
  return { text, callback_data: typeof data === 'string' ? data : encodeCallback(data) };
}

export function urlButton(text: string, url: string): InlineKeyboardButton {
  return { text, url };
}

/** Rows of inline buttons under a message; empty rows are dropped. */
export function inlineKeyboard(rows: readonly (readonly InlineKeyboardButton[])[]): InlineKeyboardMarkup {
  return { inline_keyboard: rows.filter((row) => row.length > 0).map((row) => [...row]) };
}

/** Lays buttons out `perRow` to a row (choices, calendars). */
export function chunk<T>(items: readonly T[], perRow: number): T[][] {
  if (!Number.isInteger(perRow) || perRow < 1) throw new RangeError('perRow must be a positive integer');
  const rows: T[][] = [];
  for (let index = 0; index < items.length; index += perRow) rows.push(items.slice(index, index + perRow));
  return rows;
}
