/** Telegram's reply markup, as the Bot API takes it (snake_case JSON). */
export interface KeyboardButton {
  text: string;
  request_contact?: boolean;
}
export interface ReplyKeyboardMarkup {
  keyboard: KeyboardButton[][];
  is_persistent?: boolean;
  resize_keyboard?: boolean;
  one_time_keyboard?: boolean;
  input_field_placeholder?: string;
}
export interface ReplyKeyboardRemove {
  remove_keyboard: true;
}
export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
}
export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}
export type ReplyMarkup = ReplyKeyboardMarkup | ReplyKeyboardRemove | InlineKeyboardMarkup;

export const REMOVE_KEYBOARD: ReplyKeyboardRemove = { remove_keyboard: true };
