import type { Logger } from 'pino';
import type { Lang } from '@fieldgram/bot-ui';
import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import type { KeyedSerializer, MessageHandler } from '@fieldgram/platform';
import { chooseLang } from '../core/language.js';
import type { Outgoing } from '../core/outgoing.js';
import type { IdentityPort } from '../ports/identity.js';
import type { Routes } from '../flows/mount-flows.js';
import type { Session, SessionStore } from '../session/session-store.js';
import type { ReplySender } from '../transport/reply-sender.js';
import { followWizardDeadline, noteIdleWizard, type WizardSupport } from '../wizard/wizard-turns.js';

export type InboundType =
  | 'tg.in.command'
  | 'tg.in.message'
  | 'tg.in.callback'
  | 'tg.in.contact'
  | 'tg.in.media'
  | 'tg.in.my_chat_member';
export type Inbound<T extends InboundType> = Envelope<T, DataOf<Messages, T>>;

/**
 * What every turn may use: the core ports and the mounted flows' routes. Who is writing
 * (identity) is core to every turn; the services a feature talks to belong to its flow.
 */
export interface ConversationDeps {
  identity: IdentityPort;
  sessions: SessionStore;
  replies: ReplySender;
  orgLang: Lang;
  logger: Logger;
  routes: Routes;
  wizards: WizardSupport;
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
 * (different chats in parallel); then session → language → handler → replies → session saved
 * (and the wizard's idle deadline with it).
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
  await noteIdleWizard(turn);
  const replies = await handler(turn);
  await deps.replies.send(update, chat.id, replies);
  deps.logger.debug({ type: update.type, lang, replies: replies.length }, 'update handled');
  if (turn.endSession) await deps.sessions.clear(chat.id);
  else await deps.sessions.set(chat.id, turn.session);
  if (stored?.wizard || turn.session.wizard)
    await followWizardDeadline(
      deps,
      chat.id,
      stored?.wizard,
      turn.endSession ? undefined : turn.session.wizard,
    );
}
