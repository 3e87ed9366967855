import { newCallbackQueryId } from './ids.js';

export interface CallbackQueryRecord {
  readonly id: string;
  readonly botId: number;
  readonly chatId: number;
  readonly messageId: number;
  answered: boolean;
}

/** Callback queries the bot was sent, so answerCallbackQuery can tell a valid id from a stale one. */
export class CallbackQueryStore {
  private readonly queries = new Map<string, CallbackQueryRecord>();

  create(botId: number, chatId: number, messageId: number): CallbackQueryRecord {
    const query: CallbackQueryRecord = {
      id: newCallbackQueryId(),
      botId,
      chatId,
      messageId,
      answered: false,
    };
    this.queries.set(query.id, query);
    return query;
  }

  /** The query if `botId` may still answer it; undefined if unknown, another bot's, or answered. */
  unanswered(botId: number, id: string): CallbackQueryRecord | undefined {
    const query = this.queries.get(id);
    return query?.botId === botId && !query.answered ? query : undefined;
  }
}
