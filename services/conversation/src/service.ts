import type { Logger } from 'pino';
import { KeyedSerializer, ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { ConversationEnv } from './config.js';
import { identityOverRpc } from './ports/identity.js';
import { tasksOverRpc } from './ports/tasks.js';
import { SessionStore } from './session/session-store.js';
import { ReplySender } from './transport/reply-sender.js';
import { inboundHandler, type ConversationDeps, type Routes } from './handlers/turn.js';
import { handleCommand } from './handlers/command.js';
import { handleMessage } from './handlers/message.js';
import { handleCallback } from './handlers/callback.js';
import { handleContact } from './handlers/contact.js';
import { handleMedia } from './handlers/media.js';
import { handleMyChatMember } from './handlers/my-chat-member.js';
import { taskRoutes } from './handlers/tasks.js';
import { taskEventHandlers } from './handlers/task-events.js';

export const SERVICE_NAME = 'conversation';
/** Partitioned: `conversation.updates.p00` … `.p15`, fed through the `conversation.updates.slots` exchange. */
export const UPDATES_QUEUE = 'conversation.updates';
/** Changing it re-partitions the queues: a migration, not a setting. */
export const UPDATE_PARTITIONS = 16;
/** The queue every update went through before partitions (kept draining; see below). */
export const LEGACY_UPDATES_QUEUE = 'conversation.updates';
/** Task events for technicians (offers, client details, reminders). */
export const TASK_EVENTS_QUEUE = 'conversation.task-events';

export interface ConversationService {
  runtime: ServiceRuntime<Messages>;
  sessions: SessionStore;
}

export interface ConversationServiceOptions {
  logger?: Logger;
  /**
   * The flows behind menu buttons, callback namespaces and wizards, added to (and overriding)
   * the built-in ones: the technician's task flow (issue 5).
   */
  routes?: Partial<Routes>;
}

/**
 * Wiring: `tg.in.*` from bot-gateway → dialogs → `tg.out` commands back, asking identity who is
 * writing. Stateless but for per-chat sessions in Redis; no domain data of its own.
 */
export function createConversationService(
  env: ConversationEnv,
  options: ConversationServiceOptions = {},
): Promise<ConversationService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    // No tables of its own: only the platform's (outbox, inbox) in the `conversation` schema.
    migrations: [],
    redis: true,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const sessions = new SessionStore(() => runtime.redis, {
    ttlSeconds: env.CONVERSATION_SESSION_TTL_DAYS * 24 * 3600,
    logger: runtime.logger,
  });
  const deps: ConversationDeps = {
    identity: identityOverRpc(() => runtime.rpc, env.IDENTITY_TIMEOUT_MS),
    tasks: tasksOverRpc(() => runtime.rpc, env.TASK_TIMEOUT_MS),
    sessions,
    replies: new ReplySender((command, causedBy) =>
      runtime.publish('tg.out', command, { causedBy, partitionKey: `chat:${command.chatId}` }),
    ),
    orgLang: env.ORG_LANGUAGE,
    logger: runtime.logger,
    routes: {
      menu: { ...taskRoutes.menu, ...options.routes?.menu },
      callbacks: { ...taskRoutes.callbacks, ...options.routes?.callbacks },
      wizards: { ...taskRoutes.wizards, ...options.routes?.wizards },
    },
  };
  const chats = new KeyedSerializer();

  const updateHandlers = {
    'tg.in.command': inboundHandler(deps, chats, handleCommand),
    'tg.in.message': inboundHandler(deps, chats, handleMessage),
    'tg.in.callback': inboundHandler(deps, chats, handleCallback),
    'tg.in.contact': inboundHandler(deps, chats, handleContact),
    'tg.in.media': inboundHandler(deps, chats, handleMedia),
    'tg.in.my_chat_member': inboundHandler(deps, chats, handleMyChatMember),
  };
  // A chat's updates in order, one at a time across every instance; chats spread over instances
  // by partition (DESIGN §3). Within an instance, different chats of one partition still run in
  // parallel; one chat's wait for each other (the serializer).
  runtime.consumePartitioned({
    queue: UPDATES_QUEUE,
    partitions: UPDATE_PARTITIONS,
    handlers: updateHandlers,
    prefetch: env.CONVERSATION_PREFETCH,
  });
  // The single queue used before partitions: unbound, so nothing new arrives, but what it still
  // holds (or gets back from its retry ladder or a dead-letter replay) is handled.
  runtime.consume({
    queue: LEGACY_UPDATES_QUEUE,
    handlers: updateHandlers,
    prefetch: env.CONVERSATION_PREFETCH,
    singleActiveConsumer: true,
    routing: 'retired',
  });
  runtime.consume({
    queue: TASK_EVENTS_QUEUE,
    handlers: taskEventHandlers(deps, chats),
    prefetch: env.CONVERSATION_PREFETCH,
  });
  return Promise.resolve({ runtime, sessions });
}
