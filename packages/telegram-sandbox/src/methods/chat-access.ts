import type { BotRecord, ChatRecord } from '../state/directory.js';
import type { SandboxCore } from '../state/sandbox-core.js';
import { BotApiError, ErrorText } from './bot-api-error.js';

/** The chat a chat_id names; 400 "chat not found" for an unknown id or an @username. */
export function findChat(core: SandboxCore, chatId: number | string): ChatRecord {
  const chat = typeof chatId === 'number' ? core.directory.chat(chatId) : undefined;
  if (chat === undefined) throw new BotApiError(400, ErrorText.chatNotFound);
  return chat;
}

/**
 * The chat a bot may act in: not a private chat whose user blocked the bot. With
 * `privateChatsNeedStart`, also not a private chat the user never wrote in (Telegram's rule);
 * by default the sandbox lets a bot write first, so tests need not script a /start for every user.
 * Groups: every bot is a member of every group in the sandbox.
 */
export function chatTheBotMayUse(core: SandboxCore, bot: BotRecord, chatId: number | string): ChatRecord {
  const chat = findChat(core, chatId);
  if (chat.kind === 'private') {
    if (core.directory.isBlocked(bot.id, chat.user.id)) throw new BotApiError(403, ErrorText.blocked);
    if (core.privateChatsNeedStart && !core.directory.hasStarted(bot.id, chat.user.id)) {
      throw new BotApiError(403, ErrorText.cantInitiate);
    }
  }
  return chat;
}

export function chatIdOf(chat: ChatRecord): number {
  return chat.kind === 'private' ? chat.user.id : chat.group.id;
}
