import type { Logger } from 'pino';
import type { CallbackData, Lang, MenuAction } from '@fieldgram/bot-ui';
import type { Messages, MessageType, User } from '@fieldgram/contracts';
import type { HandlerMap, KeyedSerializer, RpcClient, ServiceRuntime } from '@fieldgram/platform';
import type { ConversationEnv } from '../config.js';
import type { Outgoing } from '../core/outgoing.js';
import type { Turn } from '../handlers/turn.js';
import type { IdentityPort } from '../ports/identity.js';
import type { PromptState, SessionStore } from '../session/session-store.js';
import type { ReplySender } from '../transport/reply-sender.js';
import type { WizardDefinition } from '../wizard/definition.js';

/**
 * What every flow builds its ports and handlers from: the runtime's shared parts. A flow makes
 * its own ports here (the task flow its task port from `rpc`), so nothing outside the flow names
 * the services it talks to.
 */
export interface FlowContext {
  /** The runtime's request/reply client; a getter, since it exists only once the runtime started. */
  rpc: () => RpcClient<Messages>;
  env: ConversationEnv;
  logger: Logger;
  orgLang: Lang;
  replies: ReplySender;
  sessions: SessionStore;
  /** Core: who a person is (a flow's events name their addressee by user id). */
  identity: IdentityPort;
  /** One chat at a time: a flow's event writes to a chat in order with the chat's own updates. */
  chats: KeyedSerializer;
}

/** A main-menu button's handler. */
export type MenuRoute = (turn: Turn<'tg.in.message'>, user: User) => Promise<Outgoing[]>;
/** The handler of one callback namespace (`task`, `pg`…); the press is already decoded. */
export type CallbackRoute = (
  turn: Turn<'tg.in.callback'>,
  user: User,
  press: CallbackData,
) => Promise<Outgoing[]>;
/** One page of a flow's paged list, asked for by the pager's buttons (`pg:<list>:<page>[:<arg>]`). */
export type PageRoute = (
  turn: Turn<'tg.in.callback'>,
  user: User,
  page: number,
  arg: string | undefined,
) => Promise<Outgoing[]>;
/**
 * The answer to a prompt: one question whose answer is the chat's next text (a rejection's
 * reason). A form of several steps is a wizard instead (`../wizard/`).
 */
export type PromptRoute = (
  turn: Turn<'tg.in.message'>,
  user: User,
  prompt: PromptState,
) => Promise<Outgoing[]>;

/** A queue of events a flow consumes; `consume` registers it on the runtime. */
export interface EventConsumer {
  readonly queue: string;
  consume(runtime: ServiceRuntime<Messages>, prefetch: number): void;
}

/** The consumer of `queue` with a handler for each event type it takes. */
export function eventConsumer<T extends MessageType<Messages>>(
  queue: string,
  handlers: HandlerMap<Messages, T>,
): EventConsumer {
  return { queue, consume: (runtime, prefetch) => runtime.consume({ queue, handlers, prefetch }) };
}

/** What a flow brings once mounted; each key it names is its own (a second claimant is refused). */
export interface FlowParts {
  menu?: Partial<Record<MenuAction, MenuRoute>>;
  callbacks?: Record<string, CallbackRoute>;
  /** Paged lists by the pager's list name (the pager's namespace itself is core). */
  pages?: Record<string, PageRoute>;
  prompts?: Record<string, PromptRoute>;
  /** Its forms, run by the wizard mechanism (`startWizard(turn, user, id)` opens one). */
  wizards?: readonly WizardDefinition[];
  events?: readonly EventConsumer[];
}

/**
 * One feature of the bot (grammY's `Composer` is the model): a folder under `flows/` with its
 * routes, views, ports and event handlers, mounted by one line in `service.ts`'s `FLOWS`.
 */
export interface Flow {
  readonly name: string;
  mount(context: FlowContext): FlowParts;
}
