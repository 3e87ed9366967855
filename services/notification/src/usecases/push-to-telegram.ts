import type { Messages } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { telegramIdempotencyKey } from '../domain/delivery-keys.js';
import type { AttachedFile } from '../domain/rules/rule.js';
import { telegramSends } from '../domain/rules/attachments.js';
import { logPendingDelivery, type NewDelivery } from '../store/delivery-store.js';

export interface TelegramPush {
  chatId: number;
  text: string;
  sound: boolean;
  files: readonly AttachedFile[];
  /** What the delivery log says of it (recipient, message, type, reference, feed item). */
  logged: Omit<NewDelivery, 'channel' | 'chatId' | 'attachments'>;
}

/**
 * One person's push: the text, then its files as albums, each a `tg.out` of its own logged as
 * pending until bot-gateway reports (S2-03). All on the chat's partition, in this order, so the
 * chat shows the text first; inside the event's transaction, so a redelivery sends none again.
 */
export async function pushToTelegram(
  { trx, emit }: TransactionContext<Messages>,
  push: TelegramPush,
): Promise<void> {
  for (const send of telegramSends(push.text, push.files, push.sound)) {
    const deliveryId = await logPendingDelivery(trx, {
      ...push.logged,
      channel: 'telegram',
      chatId: push.chatId,
      attachments: send.files,
    });
    await emit(
      'tg.out',
      {
        idempotencyKey: telegramIdempotencyKey(deliveryId),
        chatId: push.chatId,
        method: send.method,
        params: send.params,
        // The delivery log waits for its outcome.
        reportSent: true,
      },
      { partitionKey: `chat:${push.chatId}` },
    );
  }
}
