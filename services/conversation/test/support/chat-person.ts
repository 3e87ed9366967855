import type { AlbumItem, ChatEvent, SandboxUser, UserFile } from '@fieldgram/telegram-sandbox';
import { createEnvelope, type DataOf, type Messages } from '@fieldgram/contracts';
import type { FrontDoorStack } from './stack.js';

export const textOf = (event: ChatEvent | undefined) => event?.message?.text ?? event?.message?.caption ?? '';
export const buttonsOf = (event: ChatEvent | undefined) =>
  (event?.message?.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => ({ text: b.text, data: b.callback_data ?? '' }));
export const labelsOf = (event: ChatEvent | undefined) => buttonsOf(event).map((b) => b.text);

export function dataOf(message: ChatEvent, label: string): string {
  const button = buttonsOf(message).find((b) => b.text === label);
  if (!button)
    throw new Error(`no button "${label}" under "${textOf(message)}": ${JSON.stringify(buttonsOf(message))}`);
  return button.data;
}

type TgFile = DataOf<Messages, 'tg.in.media'>['files'][number];

/**
 * A person in the Telegram sandbox, counting what they do (S1-08): taps (menu and inline
 * buttons), typed answers and files sent (a photo, a document, an album: one action each).
 */
export class ChatPerson {
  taps = 0;
  typed = 0;
  sent = 0;
  /** The update of the last button press (to redeliver it). */
  lastPress: number | undefined;
  private seen = 0;

  constructor(
    private readonly stack: FrontDoorStack,
    readonly tg: SandboxUser,
  ) {}

  /** A new client: `/start` without a payload, the welcome read. */
  static async join(stack: FrontDoorStack, firstName: string, languageCode = 'en'): Promise<ChatPerson> {
    const person = new ChatPerson(stack, stack.sandbox.createUser({ firstName, languageCode }));
    await person.tg.sendCommand(stack.bot.token, 'start');
    await person.reply();
    return person;
  }

  /** Someone staff created (a manager), connecting their Telegram through their link. */
  static async link(stack: FrontDoorStack, userId: string, firstName: string): Promise<ChatPerson> {
    const link = await stack.ask('identity.create-telegram-link', { userId });
    const person = new ChatPerson(stack, stack.sandbox.createUser({ firstName, languageCode: 'en' }));
    await person.tg.sendCommand(stack.bot.token, 'start', new URL(link.link).searchParams.get('start') ?? '');
    await person.reply();
    return person;
  }

  get actions(): number {
    return this.taps + this.typed + this.sent;
  }

  get userId(): Promise<string> {
    return this.stack.userByTelegram(this.tg.id).then((user) => user!.id);
  }

  /** The bot's next message to this person. */
  async reply(): Promise<ChatEvent> {
    const all = await this.stack.waitForBotMessages(this.tg.id, this.seen + 1);
    return all[this.seen++]!;
  }

  /** The bot's next `count` messages. */
  async replies(count: number): Promise<ChatEvent[]> {
    const all = await this.stack.waitForBotMessages(this.tg.id, this.seen + count);
    const next = all.slice(this.seen, this.seen + count);
    this.seen += count;
    return next;
  }

  /** How many bot messages came that were not read yet. */
  unread(): number {
    return this.stack.botMessages(this.tg.id).length - this.seen;
  }

  async tapMenu(label: string): Promise<ChatEvent> {
    this.taps++;
    await this.tg.sendText(this.stack.bot.token, label);
    return this.reply();
  }

  async type(text: string): Promise<ChatEvent> {
    this.typed++;
    await this.tg.sendText(this.stack.bot.token, text);
    return this.reply();
  }

  async sendPhoto(file: UserFile = {}): Promise<ChatEvent> {
    this.sent++;
    await this.tg.sendPhoto(this.stack.bot.token, file);
    return this.reply();
  }

  async sendDocument(file: UserFile = {}): Promise<ChatEvent> {
    this.sent++;
    await this.tg.sendDocument(this.stack.bot.token, file);
    return this.reply();
  }

  async sendVoice(): Promise<ChatEvent> {
    this.sent++;
    await this.tg.sendVoice(this.stack.bot.token);
    return this.reply();
  }

  /** An album: one update per item in Telegram, one event from bot-gateway, one answer. */
  async sendAlbum(items: AlbumItem[]): Promise<ChatEvent> {
    this.sent++;
    await this.tg.sendAlbum(this.stack.bot.token, items);
    return this.reply();
  }

  /**
   * Files as bot-gateway would describe them, straight onto the bus (what the sandbox cannot
   * send: a sticker, a 50 MB document).
   */
  async sendFiles(files: TgFile[]): Promise<ChatEvent> {
    this.sent++;
    await this.stack.tap.burst([
      createEnvelope({
        type: 'tg.in.media',
        source: 'bot-gateway',
        partitionKey: `chat:${this.tg.id}`,
        data: {
          updateId: 800_000_000 + Math.floor(Math.random() * 100_000_000),
          chat: { id: this.tg.id, type: 'private' },
          from: { id: this.tg.id, isBot: false, firstName: this.tg.firstName, languageCode: 'en' },
          date: Math.floor(Date.now() / 1000),
          messageIds: files.map((_, index) => 900_000 + index),
          files,
        },
      }),
    ]);
    return this.reply();
  }

  async command(command: string): Promise<ChatEvent> {
    await this.tg.sendCommand(this.stack.bot.token, command);
    return this.reply();
  }

  /** Taps an inline button by its label; the press's answer (a toast, or none). */
  async tap(message: ChatEvent, label: string): Promise<string | undefined> {
    this.taps++;
    return this.pressData(message, dataOf(message, label));
  }

  /** Presses a button without counting it (a mistaken, old or forged press). */
  async pressData(message: ChatEvent, data: string): Promise<string | undefined> {
    const pressed = await this.tg.pressButton(this.stack.bot.token, message.messageId!, data);
    this.lastPress = pressed.updateId;
    const answer = await this.stack.sandbox.waitForEvent(
      this.stack.bot.token,
      this.tg.id,
      (e) => e.kind === 'callback_answer' && e.params.callback_query_id === pressed.callbackQueryId,
    );
    return answer.params.text as string | undefined;
  }

  /** A button with any data this person did not get from the bot: a message of their own carrying it. */
  async forge(data: string): Promise<ChatEvent> {
    await this.stack.conversation.runtime.publish('tg.out', {
      idempotencyKey: `test:${this.tg.id}:forged:${data}`,
      chatId: this.tg.id,
      method: 'sendMessage',
      params: {
        text: 'forged',
        reply_markup: { inline_keyboard: [[{ text: 'Forged', callback_data: data }]] },
      },
    });
    return this.reply();
  }
}
