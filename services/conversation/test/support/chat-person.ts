import { ChatSession, type ChatEvent, type SandboxUser } from '@fieldgram/telegram-sandbox';
import { createEnvelope, type DataOf, type Messages } from '@fieldgram/contracts';
import type { FrontDoorStack } from './stack.js';

export { buttonsOf, dataOf, labelsOf, textOf } from '@fieldgram/telegram-sandbox';

type TgFile = DataOf<Messages, 'tg.in.media'>['files'][number];

/**
 * A person in the Telegram sandbox (the sandbox's ChatSession, counting what they do, S1-08),
 * plus what only this stack can do: who they are to identity, files straight onto the bus, a
 * forged button.
 */
export class ChatPerson extends ChatSession {
  constructor(
    private readonly stack: FrontDoorStack,
    readonly tg: SandboxUser,
  ) {
    super(stack.sandbox, stack.bot.token, tg, 10_000);
  }

  /** A new client: `/start` without a payload, the welcome read. */
  static async join(stack: FrontDoorStack, firstName: string, languageCode = 'en'): Promise<ChatPerson> {
    const person = new ChatPerson(stack, stack.sandbox.createUser({ firstName, languageCode }));
    await person.start();
    return person;
  }

  /** Someone staff created (a manager), connecting their Telegram through their link. */
  static async link(stack: FrontDoorStack, userId: string, firstName: string): Promise<ChatPerson> {
    const link = await stack.ask('identity.create-telegram-link', { userId });
    const person = new ChatPerson(stack, stack.sandbox.createUser({ firstName, languageCode: 'en' }));
    await person.start(new URL(link.link).searchParams.get('start') ?? '');
    return person;
  }

  get userId(): Promise<string> {
    return this.stack.userByTelegram(this.tg.id).then((user) => user!.id);
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
