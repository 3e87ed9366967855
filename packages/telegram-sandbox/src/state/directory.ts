import type { TelegramBotCommand, TelegramChat, TelegramUser } from '../telegram-types.js';
import { BotUpdates } from './bot-updates.js';
import { newTokenSecret } from './ids.js';
import type { WebhookDelivery } from '../webhook/delivery.js';

export interface BotRecord {
  readonly id: number;
  readonly token: string;
  readonly username: string;
  readonly firstName: string;
  readonly updates: BotUpdates;
  /** Set while a webhook is registered; getUpdates is refused then. */
  webhook: WebhookDelivery | undefined;
  /** setMyCommands lists, by scope type and language code. */
  readonly commands: Map<string, TelegramBotCommand[]>;
}

export interface UserRecord {
  readonly id: number;
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
  readonly languageCode?: string;
}

export interface GroupRecord {
  readonly id: number;
  readonly title: string;
  readonly type: 'group' | 'supergroup';
  readonly memberIds: ReadonlySet<number>;
}

export type ChatRecord = { kind: 'private'; user: UserRecord } | { kind: 'group'; group: GroupRecord };

const FIRST_BOT_ID = 7_000_000_001;
const FIRST_USER_ID = 100_000_001;
const FIRST_GROUP_NUMBER = 100_000_001;
const SUPERGROUP_BASE = 1_000_000_000_000; // supergroup ids read -100xxxxxxxxxx, as in Telegram

/** Who exists in the sandbox: bots, users, groups, and who has started or blocked which bot. */
export class Directory {
  private readonly botsByToken = new Map<string, BotRecord>();
  private readonly usersById = new Map<number, UserRecord>();
  private readonly groupsById = new Map<number, GroupRecord>();
  /** `${botId}:${userId}` of users who have written to the bot in private. */
  private readonly started = new Set<string>();
  private readonly blocked = new Set<string>();
  private nextBotId = FIRST_BOT_ID;
  private nextUserId = FIRST_USER_ID;
  private nextGroupNumber = FIRST_GROUP_NUMBER;

  addBot(options: { token?: string; username?: string; firstName?: string }): BotRecord {
    let id: number;
    let token: string;
    if (options.token !== undefined) {
      const match = /^(\d{1,15}):[\w-]{1,100}$/.exec(options.token);
      if (match?.[1] === undefined) {
        throw new Error(`createBot: a token reads "<numeric bot id>:<secret>", got "${options.token}"`);
      }
      id = Number(match[1]);
      token = options.token;
    } else {
      id = this.nextBotId;
      token = `${id}:${newTokenSecret()}`;
    }
    this.nextBotId = Math.max(this.nextBotId, id) + 1;
    if (this.botsByToken.has(token) || [...this.botsByToken.values()].some((bot) => bot.id === id)) {
      throw new Error(`createBot: a bot with id ${id} exists already`);
    }
    const number = this.botsByToken.size + 1;
    const bot: BotRecord = {
      id,
      token,
      username: options.username ?? (number === 1 ? 'sandbox_bot' : `sandbox${number}_bot`),
      firstName: options.firstName ?? 'Sandbox Bot',
      updates: new BotUpdates(),
      webhook: undefined,
      commands: new Map(),
    };
    this.botsByToken.set(token, bot);
    return bot;
  }

  botByToken(token: string): BotRecord | undefined {
    return this.botsByToken.get(token);
  }

  bots(): BotRecord[] {
    return [...this.botsByToken.values()];
  }

  /** Usernames are case-insensitive in Telegram; several bots may share one here (tests may). */
  botsByUsername(username: string): BotRecord[] {
    const wanted = username.replace(/^@/, '').toLowerCase();
    return this.bots().filter((bot) => bot.username.toLowerCase() === wanted);
  }

  addUser(options: Omit<UserRecord, 'id'> & { id?: number }): UserRecord {
    const id = options.id ?? this.nextUserId;
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new Error(`createUser: id must be a positive integer, got ${id}`);
    if (this.usersById.has(id)) throw new Error(`createUser: a user with id ${id} exists already`);
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    const user: UserRecord = { ...options, id };
    this.usersById.set(id, user);
    return user;
  }

  user(id: number): UserRecord | undefined {
    return this.usersById.get(id);
  }

  addGroup(options: { title: string; memberIds: number[]; type: 'group' | 'supergroup' }): GroupRecord {
    const number = this.nextGroupNumber;
    this.nextGroupNumber += 1;
    const id = options.type === 'supergroup' ? -(SUPERGROUP_BASE + number) : -number;
    const group: GroupRecord = {
      id,
      title: options.title,
      type: options.type,
      memberIds: new Set(options.memberIds),
    };
    this.groupsById.set(id, group);
    return group;
  }

  /** A private chat's id is its user's id; a group's is negative. */
  chat(chatId: number): ChatRecord | undefined {
    if (chatId > 0) {
      const user = this.usersById.get(chatId);
      return user === undefined ? undefined : { kind: 'private', user };
    }
    const group = this.groupsById.get(chatId);
    return group === undefined ? undefined : { kind: 'group', group };
  }

  markStarted(botId: number, userId: number): void {
    this.started.add(`${botId}:${userId}`);
  }

  hasStarted(botId: number, userId: number): boolean {
    return this.started.has(`${botId}:${userId}`);
  }

  setBlocked(botId: number, userId: number, blocked: boolean): void {
    if (blocked) this.blocked.add(`${botId}:${userId}`);
    else this.blocked.delete(`${botId}:${userId}`);
  }

  isBlocked(botId: number, userId: number): boolean {
    return this.blocked.has(`${botId}:${userId}`);
  }
}

export function botUserJson(bot: BotRecord): TelegramUser {
  return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
}

export function userJson(user: UserRecord): TelegramUser {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.firstName,
    ...(user.lastName !== undefined && { last_name: user.lastName }),
    ...(user.username !== undefined && { username: user.username }),
    ...(user.languageCode !== undefined && { language_code: user.languageCode }),
  };
}

export function chatJson(chat: ChatRecord): TelegramChat {
  if (chat.kind === 'private') {
    const { user } = chat;
    return {
      id: user.id,
      type: 'private',
      first_name: user.firstName,
      ...(user.lastName !== undefined && { last_name: user.lastName }),
      ...(user.username !== undefined && { username: user.username }),
    };
  }
  const { group } = chat;
  return group.type === 'group'
    ? { id: group.id, type: 'group', title: group.title, all_members_are_administrators: true }
    : { id: group.id, type: 'supergroup', title: group.title };
}
