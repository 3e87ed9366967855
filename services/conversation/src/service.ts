import type { Logger } from 'pino';
import { KeyedSerializer, ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { ConversationEnv } from './config.js';
import { identityOverRpc } from './ports/identity.js';
import { SessionStore } from './session/session-store.js';
import { WizardDeadlines } from './session/wizard-deadlines.js';
import { ReplySender } from './transport/reply-sender.js';
import { inboundHandler, type ConversationDeps } from './handlers/turn.js';
import { handleCommand } from './handlers/command.js';
import { handleMessage } from './handlers/message.js';
import { handleCallback } from './handlers/callback.js';
import { handleContact } from './handlers/contact.js';
import { handleMedia } from './handlers/media.js';
import { handleMyChatMember } from './handlers/my-chat-member.js';
import type { Flow, FlowContext } from './flows/flow.js';
import { mountFlows } from './flows/mount-flows.js';
import { pagerFlow } from './flows/pager-flow.js';
import { claimsFlow } from './flows/claims/index.js';
import { tasksFlow } from './flows/tasks/index.js';
import { waybillsFlow } from './flows/waybills/index.js';
import type { WizardLeft } from './wizard/abandonment.js';
import { wizardFlow } from './wizard/wizard-flow.js';
import { wizardTimeouts } from './wizard/wizard-timeouts.js';

export const SERVICE_NAME = 'conversation';
/** Partitioned: `conversation.updates.p00` … `.p15`, fed through the `conversation.updates.slots` exchange. */
export const UPDATES_QUEUE = 'conversation.updates';
/** Changing it re-partitions the queues: a migration, not a setting. */
export const UPDATE_PARTITIONS = 16;
/** The queue every update went through before partitions (kept draining; see below). */
export const LEGACY_UPDATES_QUEUE = 'conversation.updates';

/** The bot's features, each a folder under `flows/`: adding one is its folder and a line here. */
export const FLOWS: readonly Flow[] = [tasksFlow, waybillsFlow, claimsFlow];
/** What every flow builds on: the buttons of the pager (paged lists) and of the wizard mechanism. */
const CORE_FLOWS: readonly Flow[] = [pagerFlow, wizardFlow];

/** No answer for this long and a wizard counts as left unfinished (it stays resumable). */
export const WIZARD_IDLE_MS = 30 * 60_000;
const WIZARD_SWEEP_MS = 30_000;

export interface ConversationService {
  runtime: ServiceRuntime<Messages>;
  sessions: SessionStore;
}

export interface ConversationServiceOptions {
  logger?: Logger;
  /**
   * Flows mounted after the built-in ones (tests mount a flow of their own); like any flow, one
   * claiming a menu button, callback namespace, list, prompt or queue already taken is refused.
   */
  flows?: readonly Flow[];
  /**
   * The bot's features (default `FLOWS`); the wizard mechanism's own tests mount none, so their
   * test form may take a menu button a feature has.
   */
  features?: readonly Flow[];
  /**
   * Called for every wizard left unfinished (after it was logged): Cancel, a main-menu button,
   * `/start`, inactivity… S1-07 ("abandoned actions") will publish it to the managers.
   */
  onWizardLeft?: (event: WizardLeft) => Promise<void> | void;
  /** The wizards' idle time (default 30 min) and how often idle ones are looked for (30 s); for tests. */
  wizardIdleMs?: number;
  wizardSweepMs?: number;
}

/**
 * Wiring: `tg.in.*` from bot-gateway → the mounted flows → `tg.out` commands back, asking
 * identity who is writing. Stateless but for per-chat sessions in Redis; no domain data of its own.
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
  const chats = new KeyedSerializer();
  const context: FlowContext = {
    rpc: () => runtime.rpc,
    env,
    logger: runtime.logger,
    orgLang: env.ORG_LANGUAGE,
    replies: new ReplySender((command, causedBy) =>
      runtime.publish('tg.out', command, { causedBy, partitionKey: `chat:${command.chatId}` }),
    ),
    sessions,
    identity: identityOverRpc(() => runtime.rpc, env.IDENTITY_TIMEOUT_MS),
    chats,
  };
  const { routes, consumers } = mountFlows(
    [...CORE_FLOWS, ...(options.features ?? FLOWS), ...(options.flows ?? [])],
    context,
  );
  const deps: ConversationDeps = {
    identity: context.identity,
    sessions,
    replies: context.replies,
    orgLang: context.orgLang,
    logger: context.logger,
    routes,
    wizards: {
      deadlines: new WizardDeadlines(() => runtime.redis),
      idleMs: options.wizardIdleMs ?? WIZARD_IDLE_MS,
      onLeft: async (event) => {
        runtime.logger.info({ wizardLeft: event }, 'wizard left unfinished');
        await options.onWizardLeft?.(event);
      },
    },
  };

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
  // Each flow's events (the task flow's offers, client details, reminders).
  for (const consumer of consumers) consumer.consume(runtime, env.CONVERSATION_PREFETCH);
  runtime.part(wizardTimeouts(deps, chats, options.wizardSweepMs ?? WIZARD_SWEEP_MS));
  return Promise.resolve({ runtime, sessions });
}
