import type { TelegramMessage, TelegramReplyKeyboardMarkup } from '../telegram-types.js';

export type ChatEventKind =
  'message' | 'edit' | 'delete' | 'pin' | 'unpin' | 'callback_answer' | 'chat_action' | 'user_message';

/** One thing that happened in a chat: a Bot API call of the bot, or a user's message. */
export interface ChatEvent {
  /** Increases across the whole sandbox, so `after` can come from any earlier event. */
  seq: number;
  /** Epoch ms. */
  at: number;
  /** The Bot API method, or `user.<action>` for what a user did. */
  method: string;
  kind: ChatEventKind;
  messageId?: number;
  /** The message concerned: as it stood right after the event, or as it was when deleted. */
  message?: TelegramMessage;
  params: Record<string, unknown>;
}

export type NewChatEvent = Omit<ChatEvent, 'seq' | 'at'>;

/** A chat as one bot sees it: its messages, its message ids and its event log. */
export class ChatHistory {
  private nextMessageId = 1;
  /** In message_id order; deleted messages are removed. */
  readonly messages = new Map<number, TelegramMessage>();
  readonly events: ChatEvent[] = [];
  /** The reply keyboard the user currently sees under the input field, if any. */
  replyKeyboard: TelegramReplyKeyboardMarkup | undefined;
  /** Pinned message ids, the most recent last. */
  readonly pinned: number[] = [];

  allocateMessageId(): number {
    const id = this.nextMessageId;
    this.nextMessageId += 1;
    return id;
  }
}

export interface WaitForEventOptions {
  timeoutMs?: number;
  /** Only events with a greater seq; by default an event already in the log matches too. */
  after?: number;
}

/** Called synchronously as an event is recorded, with the bot's id and the chat's. */
export type ChatEventListener = (botId: number, chatId: number, event: ChatEvent) => void;

/** Every chat of every bot, with a log to wait on. */
export class ChatStore {
  private readonly histories = new Map<string, ChatHistory>();
  private readonly listeners = new Set<ChatEventListener>();
  private nextSeq = 1;

  constructor(private readonly now: () => number) {}

  history(botId: number, chatId: number): ChatHistory {
    const key = `${botId}:${chatId}`;
    let history = this.histories.get(key);
    if (history === undefined) {
      history = new ChatHistory();
      this.histories.set(key, history);
    }
    return history;
  }

  record(botId: number, chatId: number, event: NewChatEvent): ChatEvent {
    const recorded: ChatEvent = { seq: this.nextSeq, at: this.now(), ...event };
    this.nextSeq += 1;
    this.history(botId, chatId).events.push(recorded);
    for (const listener of [...this.listeners]) listener(botId, chatId, recorded);
    return recorded;
  }

  /** Calls `listener` for every event recorded from now on; returns the unsubscribe. */
  subscribe(listener: ChatEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  waitForEvent(
    botId: number,
    chatId: number,
    predicate: (event: ChatEvent) => boolean,
    { timeoutMs = 5_000, after }: WaitForEventOptions = {},
  ): Promise<ChatEvent> {
    const matches = (event: ChatEvent): boolean =>
      (after === undefined || event.seq > after) && predicate(event);
    const existing = this.history(botId, chatId).events.find(matches);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const listener: ChatEventListener = (eventBotId, eventChatId, event) => {
        if (eventBotId !== botId || eventChatId !== chatId) return;
        let matched: boolean;
        try {
          matched = matches(event);
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (matched) {
          finish();
          resolve(event);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(this.describeTimeout(botId, chatId, timeoutMs)));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  private describeTimeout(botId: number, chatId: number, timeoutMs: number): string {
    const events = this.history(botId, chatId).events;
    const last = events.slice(-5).map(describeEvent);
    return (
      `waitForEvent: no matching event in chat ${chatId} of bot ${botId} within ${timeoutMs} ms; ` +
      (last.length === 0
        ? 'the chat has no events at all'
        : `last ${last.length} of ${events.length} events:\n  ${last.join('\n  ')}`)
    );
  }
}

function describeEvent(event: ChatEvent): string {
  const content = event.message?.text ?? event.message?.caption;
  const id = event.messageId === undefined ? '' : ` message ${event.messageId}`;
  return `#${event.seq} ${event.method} (${event.kind})${id}${content === undefined ? '' : `: ${JSON.stringify(content.slice(0, 80))}`}`;
}
