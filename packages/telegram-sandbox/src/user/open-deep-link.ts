import type { TelegramSandbox } from '../sandbox.js';
import type { BotRecord, Directory } from '../state/directory.js';
import { DeepLinkError, parseDeepLink } from './deep-link.js';

export interface OpenLinkOptions {
  /** Who taps the link; a new user when absent. */
  userId?: number;
  /** For the new user: `Guest <n>` and `en` by default. */
  firstName?: string;
  languageCode?: string;
}

export interface OpenedLink {
  botToken: string;
  botUsername: string;
  userId: number;
  /** The private chat with the bot: the user's id, as in Telegram. */
  chatId: number;
  /** The start parameter the bot received after `/start `, null for a plain `/start`. */
  payload: string | null;
  updateId: number;
  messageId: number;
  userCreated: boolean;
}

type Users = Pick<TelegramSandbox, 'user' | 'allUsers' | 'createUser'>;

/**
 * What a Telegram client does when a user opens a bot's deep link and taps Start: the bot gets
 * `/start <payload>` (plain `/start` without one) with a bot_command entity. A user who had
 * blocked the bot taps Restart instead, which unblocks it first, as in Telegram.
 */
export async function openDeepLink(
  directory: Directory,
  users: Users,
  link: string,
  options: OpenLinkOptions = {},
): Promise<OpenedLink> {
  const { botUsername, payload } = parseDeepLink(link);
  const bot = onlyBotNamed(directory, botUsername);

  if (options.userId !== undefined && (options.firstName ?? options.languageCode) !== undefined) {
    throw new DeepLinkError(
      'conflicting_options',
      'openLink: firstName and languageCode are for a new user; give them or userId, not both',
    );
  }
  const existing = options.userId === undefined ? undefined : users.user(options.userId);
  if (options.userId !== undefined && existing === undefined) {
    throw new DeepLinkError('unknown_user', `openLink: no user ${options.userId} in this sandbox`);
  }
  const user =
    existing ??
    users.createUser({
      firstName: options.firstName ?? `Guest ${users.allUsers().length + 1}`,
      languageCode: options.languageCode ?? 'en',
    });

  if (directory.isBlocked(bot.id, user.id)) await user.unblockBot(bot.token);
  const sent = await user.sendCommand(bot.token, 'start', payload);
  return {
    botToken: bot.token,
    botUsername: bot.username,
    userId: user.id,
    chatId: sent.chatId,
    payload: payload ?? null,
    updateId: sent.updateId,
    messageId: sent.messageId,
    userCreated: existing === undefined,
  };
}

function onlyBotNamed(directory: Directory, username: string): BotRecord {
  const [bot, ...others] = directory.botsByUsername(username);
  if (bot === undefined) {
    const known = directory.bots().map((each) => `@${each.username}`);
    throw new DeepLinkError(
      'unknown_bot',
      `openLink: no bot @${username} in this sandbox` +
        (known.length === 0 ? '' : `; its bots: ${known.join(', ')}`),
    );
  }
  if (others.length > 0) {
    throw new DeepLinkError(
      'ambiguous_bot',
      `openLink: ${others.length + 1} bots are called @${username}; give them distinct usernames`,
    );
  }
  return bot;
}
