import type { ChatEvent } from '../state/chat-store.js';
import type { TelegramSandbox } from '../sandbox.js';
import type { SandboxUser } from './sandbox-user.js';
import type { AlbumItem, UserFile } from './user-actions.js';

const DEFAULT_REPLY_TIMEOUT_MS = 15_000;

/** A message's text, or its caption for media. */
export const textOf = (event: ChatEvent | undefined): string =>
  event?.message?.text ?? event?.message?.caption ?? '';

/** The inline buttons under a message, as label and callback data. */
export const buttonsOf = (event: ChatEvent | undefined): { text: string; data: string }[] =>
  (event?.message?.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((button) => ({ text: button.text, data: button.callback_data ?? '' }));

export const labelsOf = (event: ChatEvent | undefined): string[] => buttonsOf(event).map((b) => b.text);

/** The callback data of the button labelled `label` under `message`; throws naming what is there. */
export function dataOf(message: ChatEvent, label: string): string {
  const button = buttonsOf(message).find((b) => b.text === label);
  if (!button)
    throw new Error(`no button "${label}" under "${textOf(message)}": ${JSON.stringify(buttonsOf(message))}`);
  return button.data;
}

/**
 * One user talking to one bot in the sandbox as a person does, reading the bot's messages in
 * order and counting what they do (S1-08: taps on menu and inline buttons, typed answers and
 * files sent — a photo, a document, an album: one action each), for tests, demos and benches.
 */
export class ChatSession {
  taps = 0;
  typed = 0;
  sent = 0;
  /** The update id of the last button press (to redeliver it). */
  lastPress: number | undefined;
  private seen = 0;

  constructor(
    readonly sandbox: TelegramSandbox,
    readonly botToken: string,
    readonly user: SandboxUser,
    readonly replyTimeoutMs = DEFAULT_REPLY_TIMEOUT_MS,
  ) {}

  get actions(): number {
    return this.taps + this.typed + this.sent;
  }

  /** Every message the bot sent in this chat so far. */
  botMessages(): ChatEvent[] {
    return this.sandbox.chatLog(this.botToken, this.user.id).filter((event) => event.kind === 'message');
  }

  /** How many bot messages came that were not read yet. */
  unread(): number {
    return this.botMessages().length - this.seen;
  }

  /** The bot's next message (not read before). */
  async reply(): Promise<ChatEvent> {
    const [next] = await this.replies(1);
    return next!;
  }

  /** The bot's next `count` messages. */
  async replies(count: number): Promise<ChatEvent[]> {
    const wanted = this.seen + count;
    const deadline = Date.now() + this.replyTimeoutMs;
    let messages = this.botMessages();
    while (messages.length < wanted) {
      const last = this.sandbox.chatLog(this.botToken, this.user.id).at(-1)?.seq ?? 0;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `${this.user.firstName}: waited ${this.replyTimeoutMs} ms for ${wanted} bot message(s), got ` +
            `${messages.length}; the last: ${JSON.stringify(messages.slice(-2).map(textOf))}`,
        );
      await this.sandbox
        .waitForEvent(this.botToken, this.user.id, (e) => e.kind === 'message', {
          after: last,
          timeoutMs: left,
        })
        .catch(() => undefined);
      messages = this.botMessages();
    }
    const next = messages.slice(this.seen, wanted);
    this.seen = wanted;
    return next;
  }

  /**
   * The next bot message that `matches`, reading past others (pushes that arrive on their own,
   * like a manager's notifications, while a reply to the person's tap is awaited).
   */
  async replyMatching(
    matches: (message: ChatEvent) => boolean,
    what = 'a matching message',
  ): Promise<ChatEvent> {
    const deadline = Date.now() + this.replyTimeoutMs;
    for (;;) {
      const unread = this.botMessages().slice(this.seen);
      const index = unread.findIndex(matches);
      if (index >= 0) {
        this.seen += index + 1;
        return unread[index]!;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${this.user.firstName}: no ${what} within ${this.replyTimeoutMs} ms; unread: ` +
            JSON.stringify(
              unread.slice(-3).map((m) => ({ text: textOf(m).slice(0, 80), buttons: buttonsOf(m) })),
            ),
        );
      const last = this.sandbox.chatLog(this.botToken, this.user.id).at(-1)?.seq ?? 0;
      await this.sandbox
        .waitForEvent(this.botToken, this.user.id, (e) => e.kind === 'message', {
          after: last,
          timeoutMs: Math.max(1, deadline - Date.now()),
        })
        .catch(() => undefined);
    }
  }

  /** Marks every message so far as read (the next `reply` is a new one). */
  skipUnread(): void {
    this.seen = this.botMessages().length;
  }

  async start(payload?: string): Promise<ChatEvent> {
    await this.user.sendCommand(this.botToken, 'start', payload);
    return this.reply();
  }

  async command(command: string, payload?: string): Promise<ChatEvent> {
    await this.user.sendCommand(this.botToken, command, payload);
    return this.reply();
  }

  /** A reply-keyboard button; its answer is the next message, or the next that `matches` (see replyMatching). */
  async tapMenu(label: string, matches?: (message: ChatEvent) => boolean): Promise<ChatEvent> {
    this.taps++;
    await this.user.sendText(this.botToken, label);
    return matches ? this.replyMatching(matches, `the answer to ${label}`) : this.reply();
  }

  /** A typed answer; its answer is the next message, or the next that `matches`. */
  async type(text: string, matches?: (message: ChatEvent) => boolean): Promise<ChatEvent> {
    this.typed++;
    await this.user.sendText(this.botToken, text);
    return matches ? this.replyMatching(matches, `the answer to ${JSON.stringify(text)}`) : this.reply();
  }

  async sendPhoto(file: UserFile = {}): Promise<ChatEvent> {
    this.sent++;
    await this.user.sendPhoto(this.botToken, file);
    return this.reply();
  }

  async sendDocument(file: UserFile = {}): Promise<ChatEvent> {
    this.sent++;
    await this.user.sendDocument(this.botToken, file);
    return this.reply();
  }

  async sendVoice(): Promise<ChatEvent> {
    this.sent++;
    await this.user.sendVoice(this.botToken);
    return this.reply();
  }

  /** An album: one update per item in Telegram (the bot hears them as one); one answer. */
  async sendAlbum(items: AlbumItem[]): Promise<ChatEvent> {
    this.sent++;
    await this.user.sendAlbum(this.botToken, items);
    return this.reply();
  }

  /** Taps an inline button by its label; the press's answer (a toast text, or none). */
  async tap(message: ChatEvent, label: string): Promise<string | undefined> {
    this.taps++;
    return this.pressData(message, dataOf(message, label));
  }

  /** Presses a button by its data without counting it (a mistaken, old or forged press). */
  async pressData(message: ChatEvent, data: string): Promise<string | undefined> {
    const pressed = await this.user.pressButton(this.botToken, message.messageId!, data);
    this.lastPress = pressed.updateId;
    const answer = await this.sandbox.waitForEvent(
      this.botToken,
      this.user.id,
      (e) => e.kind === 'callback_answer' && e.params.callback_query_id === pressed.callbackQueryId,
      { timeoutMs: this.replyTimeoutMs },
    );
    return answer.params.text as string | undefined;
  }
}
