import { ServiceRuntime, type HandlerMap } from '@fieldgram/platform';
import { messages, type EventType, type Messages } from '@fieldgram/contracts';
import type { NotificationEnv } from './config.js';
import { RULES, ruleEventTypes } from './domain/rules/index.js';
import type { NotificationRule } from './domain/rules/rule.js';
import { OFFER_EDITS, type OfferEdit } from './domain/offer-edits.js';
import { RecipientDirectory } from './recipients/directory.js';
import { notifyOnEventHandler } from './handlers/notify-on-event.js';
import { telegramSentHandler } from './handlers/telegram-sent.js';
import { telegramFailedHandler } from './handlers/telegram-failed.js';
import { listNotificationsHandler } from './handlers/list-notifications.js';
import { markReadHandler } from './handlers/mark-read.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'notification';

export interface NotificationService {
  runtime: ServiceRuntime<Messages>;
}

export interface NotificationServiceOptions {
  /** The rules to apply (default: RULES). */
  rules?: readonly NotificationRule[];
  /** How technicians' offers follow their tasks (default: OFFER_EDITS). */
  offerEdits?: readonly OfferEdit[];
  /** Delays between tries of a consumed event (default: the platform's). */
  retryDelaysMs?: readonly number[];
  /** How long to wait for identity's answers (default: the platform's 5 s). */
  rpcTimeoutMs?: number;
}

/**
 * Wiring: the events the rules listen to → feed items and Telegram pushes; bot-gateway's
 * outcomes → the delivery log; the feed over request/reply.
 */
export function createNotificationService(
  env: NotificationEnv,
  options: NotificationServiceOptions = {},
): Promise<NotificationService> {
  const rules = options.rules ?? RULES;
  const offerEdits = options.offerEdits ?? OFFER_EDITS;
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
    ...(options.rpcTimeoutMs !== undefined ? { rpc: { defaultTimeoutMs: options.rpcTimeoutMs } } : {}),
  });
  const retry = options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {};
  // The rules decide which events the queue is bound to; one handler evaluates them all.
  const notify = notifyOnEventHandler({
    runtime,
    rules,
    offerEdits,
    directory: new RecipientDirectory(() => runtime.rpc),
    orgLanguage: env.ORG_LANGUAGE,
  });
  // The map's type lists every event type; at run time it holds (and binds) only the rules' ones.
  const ruleHandlers = Object.fromEntries(
    ruleEventTypes(
      rules,
      offerEdits.map((edit) => edit.event),
    ).map((type) => [type, notify]),
  ) as unknown as HandlerMap<Messages, EventType<Messages>>;

  runtime
    // An identity outage is retried at the longest delay without using up the event's tries.
    .consume({ queue: 'notification.events', handlers: ruleHandlers, ...retry })
    .consume({
      queue: 'notification.telegram-outcomes',
      handlers: {
        'tg.out.sent': telegramSentHandler(runtime),
        'tg.out.failed': telegramFailedHandler(runtime),
      },
      prefetch: 50,
      ...retry,
    })
    .respond({
      handlers: {
        'notification.list': listNotificationsHandler(runtime),
        'notification.mark-read': markReadHandler(runtime),
      },
    });
  return Promise.resolve({ runtime });
}
