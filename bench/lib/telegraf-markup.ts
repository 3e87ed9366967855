import type * as tg from 'telegraf/types';
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from '@fieldgram/bot-ui';

/** bot-ui's markup in telegraf's types (which spell each kind of button separately), for the baselines. */
export function replyKeyboard(markup: ReplyKeyboardMarkup): tg.ReplyKeyboardMarkup {
  return { ...markup, keyboard: markup.keyboard.map((row) => row.map((button) => ({ text: button.text }))) };
}

export function inline(markup: InlineKeyboardMarkup): tg.InlineKeyboardMarkup {
  return {
    inline_keyboard: markup.inline_keyboard.map((row) =>
      row.map((button): tg.InlineKeyboardButton =>
        button.url !== undefined
          ? { text: button.text, url: button.url }
          : { text: button.text, callback_data: button.callback_data ?? '' },
      ),
    ),
  };
}
