import type { Logger } from 'pino';
import type { CallbackData, Lang, MenuAction } from '@fieldgram/bot-ui';
import type { DataOf, Envelope, Messages, User } from '@fieldgram/contracts';
import type { KeyedSerializer, MessageHandler } from '@fieldgram/platform';
import { chooseLang } from '../domain/language.js';
import type { Outgoing } from '../domain/outgoing.js';
import type { IdentityPort } from '../ports/identity.js';
import type { TaskPort } from '../ports/tasks.js';
import type { Session, SessionStore, WizardState } from '../session/session-store.js';
import type { ReplySender } from '../transport/reply-sender.js';

export type InboundType =
  | 'tg.in.command'
  | 'tg.in.message'
  | 'tg.in.callback'
  | 'tg.in.contact'
  | 'tg.in.media'
  | 'tg.in.my_chat_member';
export type Inbound<T extends InboundType> = Envelope<T, DataOf<Messages, T>>;

/** A main-menu button's flow (later issues plug theirs in here). */
export type MenuRoute = (turn: Turn<'tg.in.message'>, user: User) => Promise<Outgoing[]>;
/** The flow of one callback namespace (`task`, `invoice`…); the press is already decoded. */
export type CallbackRoute = (
  turn: Turn<'tg.in.callback'>,
  user: User,
  press: CallbackData,
) => Promise<Outgoing[]>;
/** A wizard's next step, given the text the user answered with. */
export type WizardRoute = (
  turn: Turn<'tg.in.message'>,
  user: User,
  wizard: WizardState,
) => Promise<Outgoing[]>;

export interface Routes {
  menu: Partial<Record<MenuAction, MenuRoute>>;
  callbacks: Record<string, CallbackRoute>;
  wizards: Record<string, WizardRoute>;
}

export interface ConversationDeps {
  identity: IdentityPort;
  tasks: TaskPort;
  sessions: SessionStore;
  replies: ReplySender;
  orgLang: Lang;
  logger: Logger;
  routes: Routes;
}

/** One update being handled: who and where, the language to answer in, the chat's session. */
export interface Turn<T extends InboundType> {
  readonly update: Inbound<T>;
  readonly chatId: number;
  /**
   * From the user's Telegram app, the session or the organization; once identity says who is
   * writing, the language they chose wins (`speakAs`).
   */
  lang: Lang;
  /** Changed by the handler as the dialog moves; stored (with a fresh TTL) after the replies went out. */
  session: Session;
  /** Drop the session instead of storing it (the user blocked the bot). */
  endSession: boolean;
  readonly deps: ConversationDeps;
}

export type UpdateHandler<T extends InboundType> = (turn: Turn<T>) => Promise<Outgoing[]>;

/**
 * A queue handler for one kind of update: the chat's updates run one at a time in arrival order
 * (different chats in parallel); then session → language → handler → replies → session saved.
 * Only private chats with people are served; the bot's menus make no sense in groups.
 */
export function inboundHandler<T extends InboundType>(
  deps: ConversationDeps,
  chats: KeyedSerializer,
  handler: UpdateHandler<T>,
): MessageHandler<Messages, T> {
  return (update) => chats.run(update.data.chat.id, () => runTurn(deps, update, handler));
}

async function runTurn<T extends InboundType>(
  deps: ConversationDeps,
  update: Inbound<T>,
  handler: UpdateHandler<T>,
): Promise<void> {
  const { chat, from } = update.data;
  if (chat.type !== 'private' || from.isBot) {
    deps.logger.debug({ chatType: chat.type, type: update.type }, 'update outside a private chat ignored');
    return;
  }
  const stored = await deps.sessions.get(chat.id);
  const lang = chooseLang({
    telegramCode: from.languageCode,
    sessionLang: stored?.lang,
    orgLang: deps.orgLang,
  });
  const turn: Turn<T> = {
    update,
    chatId: chat.id,
    lang,
    session: { ...stored, lang },
    endSession: false,
    deps,
  };
  const replies = await handler(turn);
  await deps.replies.send(update, chat.id, replies);
  deps.logger.debug({ type: update.type, lang, replies: replies.length }, 'update handled');
  if (turn.endSession) await deps.sessions.clear(chat.id);
  else await deps.sessions.set(chat.id, turn.session);
}
