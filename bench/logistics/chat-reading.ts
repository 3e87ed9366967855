import type { ChatEvent, ChatSession } from '@fieldgram/telegram-sandbox';

/** The seq of the chat's last event (the bot's or the user's), 0 for an empty chat: a round's "before". */
export function lastSeqOf(chat: ChatSession): number {
  return chat.sandbox.chatLog(chat.botToken, chat.user.id).at(-1)?.seq ?? 0;
}

/** The documents the bot sent into the chat after `afterSeq`, in order. */
export function documentsReceived(chat: ChatSession, afterSeq = 0): ChatEvent[] {
  return chat.botMessages().filter((event) => event.seq > afterSeq && event.message?.document !== undefined);
}

/**
 * The file_unique_ids (every size) of the photos the user sent into the chat after `afterSeq`:
 * what tells their album from another client's in a manager's chat.
 */
export function photosSent(chat: ChatSession, afterSeq = 0): Set<string> {
  const ids = new Set<string>();
  for (const event of chat.sandbox.chatLog(chat.botToken, chat.user.id))
    if (event.kind === 'user_message' && event.seq > afterSeq)
      for (const size of event.message?.photo ?? []) ids.add(size.file_unique_id);
  return ids;
}
