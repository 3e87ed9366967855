import { langFromTelegram, type Lang } from '@fieldgram/bot-ui';

/**
 * The language to answer in: the one the user's Telegram app says now; else the one this chat
 * was last spoken to in; else the organization's.
 */
export function chooseLang(input: {
  telegramCode?: string | undefined;
  sessionLang?: Lang | undefined;
  orgLang: Lang;
}): Lang {
  if (input.telegramCode?.trim()) return langFromTelegram(input.telegramCode, input.orgLang);
  return input.sessionLang ?? input.orgLang;
}
