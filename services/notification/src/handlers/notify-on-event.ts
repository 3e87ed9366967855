import { personLang } from '@fieldgram/bot-ui';
import type { HandlerResult, ServiceRuntime } from '@fieldgram/platform';
import type { Envelope, Language, Messages } from '@fieldgram/contracts';
import { matchingRules, recipientsToTell, renderNotification } from '../domain/rules/engine.js';
import type { NotificationRule } from '../domain/rules/rule.js';
import { attachedFiles } from '../domain/rules/attachments.js';
import { matchingOfferEdits, offerEditCommand, type OfferEdit } from '../domain/offer-edits.js';
import type { Recipient, RecipientDirectory } from '../recipients/directory.js';
import { insertFeedItem } from '../store/feed-store.js';
import { logFeedDelivery } from '../store/delivery-store.js';
import { pushToTelegram } from '../usecases/push-to-telegram.js';

export const RULES_CONSUMER = 'notification.rules';

export interface NotifyDeps {
  runtime: ServiceRuntime<Messages>;
  rules: readonly NotificationRule[];
  offerEdits: readonly OfferEdit[];
  directory: RecipientDirectory;
  /** ORG_LANGUAGE: for people who chose no language and whose Telegram does not say. */
  orgLanguage: Language;
}

/**
 * Any event a rule listens to → for each matching rule and each recipient, in the recipient's
 * language (chosen, else their Telegram app's, else the organization's): a feed item
 * (stored, logged as delivered, announced as `notification.created` for the live streams) and,
 * for recipients who linked Telegram, a `tg.out` push (its text, then the rule's attachments as
 * albums) logged as pending. All of it commits with the inbox record, so a redelivered event
 * creates nothing twice.
 */
export function notifyOnEventHandler(deps: NotifyDeps) {
  return async (event: Envelope): Promise<HandlerResult> => {
    const rules = matchingRules(deps.rules, event);
    const edits = matchingOfferEdits(deps.offerEdits, event);
    if (rules.length === 0 && edits.length === 0) return { duplicate: false };
    // Asked before the transaction: no database connection is held while identity answers.
    const people = new Map<string, ReturnType<RecipientDirectory['lookup']>>();
    const lookup = (userId: string) => {
      if (!people.has(userId)) people.set(userId, deps.directory.lookup(userId, event));
      return people.get(userId)!;
    };
    const audiences = await Promise.all(
      rules.map(async (rule) => ({
        rule,
        recipients: recipientsToTell(rule, await deps.directory.resolve(rule.recipients, event), event.actor),
        data: await withNames(rule, event.data, lookup),
        files: attachedFiles(event.data, rule.attachments?.field),
      })),
    );
    const offers = await Promise.all(
      edits.map(async ({ edit, userId }) => ({ edit, person: await lookup(userId) })),
    );
    return deps.runtime.uow.once(RULES_CONSUMER, event, async (tx) => {
      const { trx, emit } = tx;
      // The technician's offer follows the task (its buttons go); bot-gateway finds it by its key.
      for (const { edit, person } of offers) {
        if (person?.telegramId === null || person?.telegramId === undefined) continue;
        const command = offerEditCommand(edit, event.data, personLang(person, deps.orgLanguage), {
          eventId: event.id,
          chatId: person.telegramId,
        });
        await emit('tg.out', command, { partitionKey: `chat:${person.telegramId}` });
      }
      for (const { rule, recipients, data, files } of audiences) {
        for (const recipient of recipients) {
          const note = renderNotification(rule, data, personLang(recipient, deps.orgLanguage));
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
          if (note.channels.includes('telegram') && chatId !== undefined)
            await pushToTelegram(tx, {
              chatId,
              text: note.text,
              sound: note.sound,
              files,
              logged: { ...logged, feedItemId },
            });
        }
      }
    });
  };
}

/** The event's data with the names its rule's text needs (`{assigneeName}`); '—' for someone unknown. */
async function withNames(
  rule: NotificationRule,
  data: unknown,
  lookup: (userId: string) => Promise<{ name: string } | null>,
): Promise<unknown> {
  if (!rule.names?.length || data === null || typeof data !== 'object') return data;
  const named: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const { field, as } of rule.names) {
    const userId = named[field];
    const person = typeof userId === 'string' && userId ? await lookup(userId) : null;
    named[as] = person?.name.trim() || '—';
  }
  return named;
}

function telegramChatOf(recipient: Recipient): number | undefined {
  // A private chat's id is the user's Telegram id.
  return recipient.telegramId ?? undefined;
}
