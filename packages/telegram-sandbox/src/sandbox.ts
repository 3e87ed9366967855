import type { FaultSpec } from './faults.js';
import { createApp } from './http/app.js';
import type { FloodLimits } from './limits/flood-limiter.js';
import { BotApi } from './methods/bot-api.js';
import { stopWebhook } from './methods/updates.js';
import { listen, type ListeningServer } from './server.js';
import type { ChatEvent, ChatEventListener, WaitForEventOptions } from './state/chat-store.js';
import type { BotRecord } from './state/directory.js';
import { SandboxCore } from './state/sandbox-core.js';
import type { SandboxStats } from './stats.js';
import type { TelegramMessage, TelegramReplyKeyboardMarkup } from './telegram-types.js';
import { openDeepLink, type OpenedLink, type OpenLinkOptions } from './user/open-deep-link.js';
import { createSandboxUser, type SandboxUser } from './user/sandbox-user.js';
import { UserActions } from './user/user-actions.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** Telegram's flood limits by default; 'off' disables them. */
  limits?: Partial<FloodLimits> | 'off';
  /**
   * Answer 403 "bot can't initiate conversation with a user" when the bot writes first to a
   * user who never wrote to it, as Telegram does. Off by default.
   */
  privateChatsNeedStart?: boolean;
}

export interface SandboxBot {
  id: number;
  token: string;
  username: string;
  firstName: string;
}

export interface SandboxGroup {
  id: number;
  title: string;
  type: 'group' | 'supergroup';
  memberIds: number[];
}

/** A chat's messages as they stand now: edits applied, deletions removed, bot's and users' alike. */
export type SandboxMessage = TelegramMessage;

/** An emulator of the Telegram Bot API server, with a test API to play the users. */
export class TelegramSandbox {
  private readonly api: BotApi;
  private readonly actions: UserActions;
  private readonly users = new Map<number, SandboxUser>();
  /** Requests held open by a 'timeout' fault; dropped on stop. */
  private readonly heldRequests = new Set<() => void>();
  private server: ListeningServer | undefined;
  private root = '';

  private constructor(private readonly core: SandboxCore) {
    this.api = new BotApi(core);
    this.actions = new UserActions(core);
  }

  static async start(options: SandboxOptions = {}): Promise<TelegramSandbox> {
    const sandbox = new TelegramSandbox(
      new SandboxCore(options.limits ?? {}, options.privateChatsNeedStart ?? false),
    );
    const host = options.host ?? '127.0.0.1';
    const app = createApp(sandbox.core, sandbox.api, sandbox, (release) => {
      sandbox.heldRequests.add(release);
      return () => sandbox.heldRequests.delete(release);
    });
    sandbox.server = await listen(app, host, options.port ?? 0);
    const reachableHost =
      host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    sandbox.root = `http://${reachableHost}:${sandbox.server.port}`;
    return sandbox;
  }

  /** `http://127.0.0.1:<port>`: telegraf's apiRoot, fieldgram's TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    return this.root;
  }

  createBot(options: { token?: string; username?: string; firstName?: string } = {}): SandboxBot {
    return botInfo(this.core.directory.addBot(options));
  }

  bots(): SandboxBot[] {
    return this.core.directory.bots().map(botInfo);
  }

  createUser(options: {
    firstName: string;
    lastName?: string;
    username?: string;
    languageCode?: string;
    id?: number;
  }): SandboxUser {
    const user = createSandboxUser(this.core.directory.addUser(options), this.actions);
    this.users.set(user.id, user);
    return user;
  }

  user(id: number): SandboxUser | undefined {
    return this.users.get(id);
  }

  allUsers(): SandboxUser[] {
    return [...this.users.values()];
  }

  createGroup(options: {
    title: string;
    members: SandboxUser[];
    type?: 'group' | 'supergroup';
  }): SandboxGroup {
    const group = this.core.directory.addGroup({
      title: options.title,
      memberIds: options.members.map((member) => member.id),
      type: options.type ?? 'supergroup',
    });
    return { id: group.id, title: group.title, type: group.type, memberIds: [...group.memberIds] };
  }

  /**
   * Opens a bot's deep link (`https://t.me/<bot>?start=<payload>`, `tg://resolve?domain=<bot>&start=…`)
   * as a user who then taps Start: the bot named in it gets `/start <payload>`. Without `userId`
   * a new user is created. Rejects with a DeepLinkError for a link that is not a bot's, a payload
   * Telegram refuses, or a bot or user not in this sandbox.
   */
  openLink(link: string, options?: OpenLinkOptions): Promise<OpenedLink> {
    return openDeepLink(this.core.directory, this, link, options);
  }

  /** Everything the bot did in the chat, and the users' messages, in order. */
  chatLog(botToken: string, chatId: number): ChatEvent[] {
    return [...this.core.chats.history(this.bot(botToken).id, chatId).events];
  }

  /**
   * The first event matching `predicate` with seq > `after` (by default an event already in the
   * log counts too). Rejects after `timeoutMs` (5 s) naming the chat and its last events.
   */
  waitForEvent(
    botToken: string,
    chatId: number,
    predicate: (event: ChatEvent) => boolean = () => true,
    options?: WaitForEventOptions,
  ): Promise<ChatEvent> {
    return this.core.chats.waitForEvent(this.bot(botToken).id, chatId, predicate, options);
  }

  /**
   * Calls `listener` synchronously for every chat event from now on (every bot's calls that put
   * or change something in a chat or answer a button, and the users' messages), with the bot's
   * id and the chat's: for harnesses that follow many chats at once, such as the load bench
   * timing each reply, without a `waitForEvent` per chat. A listener that throws fails the call
   * being recorded, so it must not. Returns the unsubscribe.
   */
  onChatEvent(listener: ChatEventListener): () => void {
    return this.core.chats.subscribe(listener);
  }

  messages(botToken: string, chatId: number): SandboxMessage[] {
    return [...this.core.chats.history(this.bot(botToken).id, chatId).messages.values()];
  }

  /** The reply keyboard the user currently sees under the input field, if any. */
  replyKeyboard(botToken: string, chatId: number): TelegramReplyKeyboardMarkup | undefined {
    return this.core.chats.history(this.bot(botToken).id, chatId).replyKeyboard;
  }

  fileBytes(fileId: string): Buffer | undefined {
    return this.core.files.byId(fileId)?.bytes;
  }

  /** Queues an update the bot was already sent once more (`times` copies), for de-duplication tests. */
  redeliver(botToken: string, updateId: number, times = 1): void {
    this.bot(botToken).updates.redeliver(updateId, times);
  }

  stats(): SandboxStats {
    return this.core.stats.snapshot();
  }

  setLimits(limits: Partial<FloodLimits> | 'off'): void {
    this.core.limiter.setLimits(limits);
  }

  injectFault(fault: FaultSpec): void {
    this.core.faults.add(fault);
  }

  clearFaults(): void {
    this.core.faults.clear();
  }

  async stop(): Promise<void> {
    for (const bot of this.core.directory.bots()) {
      stopWebhook(bot);
      bot.updates.terminateWaitingPoll();
    }
    for (const release of [...this.heldRequests]) release();
    await this.server?.close();
    this.server = undefined;
  }

  private bot(botToken: string): BotRecord {
    const bot = this.core.directory.botByToken(botToken);
    if (bot === undefined) throw new Error('no bot with that token in this sandbox');
    return bot;
  }
}

function botInfo(bot: BotRecord): SandboxBot {
  return { id: bot.id, token: bot.token, username: bot.username, firstName: bot.firstName };
}
