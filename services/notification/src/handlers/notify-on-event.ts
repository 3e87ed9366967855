import type { HandlerResult, ServiceRuntime } from '@fieldgram/platform';
import type { Envelope, Messages } from '@fieldgram/contracts';
import {
  languageOf,
  matchingRules,
  renderNotification,
  type Language,
  type NotificationRule,
} from '../domain/rules.js';
import { telegramIdempotencyKey } from '../domain/delivery-keys.js';
import type { Recipient, RecipientDirectory } from '../recipients/directory.js';
import { insertFeedItem } from '../store/feed-store.js';
import { logFeedDelivery, logPendingDelivery } from '../store/delivery-store.js';

export const RULES_CONSUMER = 'notification.rules';

export interface NotifyDeps {
  runtime: ServiceRuntime<Messages>;
  rules: readonly NotificationRule[];
  directory: RecipientDirectory;
  defaultLanguage: Language;
}

/**
 * Any event a rule listens to → for each matching rule and each recipient: a feed item
 * (stored, logged as delivered, announced as `notification.created` for the live streams) and,
 * for recipients who linked Telegram, a `tg.out` push logged as pending. All of it commits with
 * the inbox record, so a redelivered event creates nothing twice.
 */
export function notifyOnEventHandler(deps: NotifyDeps) {
  return async (event: Envelope): Promise<HandlerResult> => {
    const rules = matchingRules(deps.rules, event);
    if (rules.length === 0) return { duplicate: false };
    // Asked before the transaction: no database connection is held while identity answers.
    const audiences = await Promise.all(
      rules.map(async (rule) => ({ rule, recipients: await deps.directory.resolve(rule.recipients, event) })),
    );
    return deps.runtime.uow.once(RULES_CONSUMER, event, async ({ trx, emit }) => {
      for (const { rule, recipients } of audiences) {
        for (const recipient of recipients) {
          const note = renderNotification(
            rule,
            event.data,
            languageOf(recipient.languageCode, deps.defaultLanguage),
          );
          const logged = {
            recipientId: recipient.id,
            message: note.text,
            type: note.type,
            reference: note.subject,
          };
          let feedItemId: string | null = null;
          if (note.channels.includes('feed')) {
            const item = await insertFeedItem(trx, {
              recipientId: recipient.id,
              type: note.type,
              subject: note.subject,
              text: note.text,
              sound: note.sound,
              actions: note.actions,
              ruleId: note.ruleId,
              eventId: event.id,
            });
            feedItemId = item.id;
            await logFeedDelivery(trx, { ...logged, feedItemId, channel: 'feed' });
            await emit('notification.created', item, { partitionKey: `feed:${recipient.id}` });
          }
          const chatId = telegramChatOf(recipient);
          if (note.channels.includes('telegram') && chatId !== undefined) {
            const deliveryId = await logPendingDelivery(trx, {
              ...logged,
              feedItemId,
              channel: 'telegram',
              chatId,
            });
            await emit(
              'tg.out',
              {
                idempotencyKey: telegramIdempotencyKey(deliveryId),
                chatId,
                method: 'sendMessage',
                // A quiet notification arrives without a sound in Telegram too.
                params: { text: note.text, ...(note.sound ? {} : { disable_notification: true }) },
              },
              { partitionKey: `chat:${chatId}` },
            );
          }
        }
      }
    });
  };
}

function telegramChatOf(recipient: Recipient): number | undefined {
  // A private chat's id is the user's Telegram id.
  return recipient.telegramId ?? undefined;
}
