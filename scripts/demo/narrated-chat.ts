import {
  ChatSession,
  textOf,
  type AlbumItem,
  type ChatEvent,
  type SandboxUser,
  type TelegramSandbox,
} from '@fieldgram/telegram-sandbox';
import type { Narration } from './narration.js';
import { print, printBotSays, printButtons, printMenu, printPdf } from './transcript.js';

/**
 * A person's chat with the bot that prints as it goes what they do and every message the bot
 * sends them (pushes read past included, in order), so the e2e stories can be played as they are.
 */
export class NarratedChat extends ChatSession {
  private printedSeq = 0;
  private shownMenu = '';

  constructor(
    private readonly say: Narration,
    sandbox: TelegramSandbox,
    botToken: string,
    user: SandboxUser,
  ) {
    super(sandbox, botToken, user);
  }

  /** Joining is an action too (S1-08 counts what a person does); the story says how they joined. */
  override async start(payload?: string): Promise<ChatEvent> {
    this.typed++;
    return super.start(payload);
  }

  override async tapMenu(label: string, matches?: (message: ChatEvent) => boolean): Promise<ChatEvent> {
    this.lookAtChat();
    print(this.say.taps(this.user.firstName, label));
    return super.tapMenu(label, matches);
  }

  override async type(text: string, matches?: (message: ChatEvent) => boolean): Promise<ChatEvent> {
    this.lookAtChat();
    print(`\n${this.say.writes(this.user.firstName, text)}`);
    return super.type(text, matches);
  }

  override async sendAlbum(items: AlbumItem[]): Promise<ChatEvent> {
    this.lookAtChat();
    print(this.say.sendsAlbum(this.user.firstName, items.length));
    return super.sendAlbum(items);
  }

  override async tap(message: ChatEvent, label: string): Promise<string | undefined> {
    this.lookAtChat();
    print(this.say.taps(this.user.firstName, label));
    const notice = await super.tap(message, label);
    if (notice) print(this.say.notice(notice));
    return notice;
  }

  override async replies(count: number): Promise<ChatEvent[]> {
    const read = await super.replies(count);
    this.printThrough(read.at(-1));
    return read;
  }

  override async replyMatching(matches: (message: ChatEvent) => boolean, what?: string): Promise<ChatEvent> {
    const read = await super.replyMatching(matches, what);
    this.printThrough(read);
    return read;
  }

  /** What a person sees before they act: what the bot sent meanwhile is printed before the action. */
  private lookAtChat(): void {
    this.printThrough(this.botMessages().at(-1));
  }

  /** Prints the bot's messages not printed yet, up to `last`; an album as one line. */
  private printThrough(last: ChatEvent | undefined): void {
    if (!last || last.seq <= this.printedSeq) return;
    const unprinted = this.botMessages().filter((e) => e.seq > this.printedSeq && e.seq <= last.seq);
    this.printedSeq = last.seq;
    for (let i = 0; i < unprinted.length; i++) {
      const message = unprinted[i]!;
      const album = message.message?.media_group_id;
      let photos = message.message?.photo ? 1 : 0;
      for (; album && unprinted[i + 1]?.message?.media_group_id === album; i++) photos++;
      this.printMessage(message, photos);
    }
    const menu = this.sandbox.replyKeyboard(this.botToken, this.user.id);
    if (menu && JSON.stringify(menu) !== this.shownMenu) printMenu(this.say, menu);
    this.shownMenu = JSON.stringify(menu);
  }

  private printMessage(message: ChatEvent, photos: number): void {
    const { say, user } = this;
    const document = message.message?.document;
    if (document?.mime_type === 'application/pdf') {
      const file = `${document.file_name ?? '?'}, ${say.kilobytes(document.file_size ?? 0)}`;
      print(say.document(user.firstName, file, textOf(message)));
      return printPdf(say, this.sandbox.fileBytes(document.file_id), 8);
    }
    const caption = textOf(message);
    printBotSays(
      say,
      user.firstName,
      photos > 0 ? `${say.photos(photos)}${caption && ` "${caption}"`}` : caption,
    );
    printButtons(say, message);
  }
}
