import type { HandlerResult, MessageHandler, ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import { deliveryIdOf } from '../domain/delivery-keys.js';
import { recordDeliveryOutcome } from '../store/delivery-store.js';

export const TELEGRAM_OUTCOME_CONSUMER = 'notification.telegram-outcomes';

/** `tg.out.sent` of one of our pushes → its delivery is sent (other services' sends are ignored). */
export function telegramSentHandler(
  runtime: ServiceRuntime<Messages>,
): MessageHandler<Messages, 'tg.out.sent'> {
  return async (event, { logger }): Promise<HandlerResult> => {
    const deliveryId = deliveryIdOf(event.data.idempotencyKey);
    if (!deliveryId) return { duplicate: false };
    return runtime.uow.once(TELEGRAM_OUTCOME_CONSUMER, event, async ({ trx }) => {
      const known = await recordDeliveryOutcome(trx, deliveryId, {
        status: 'sent',
        at: new Date(event.occurredAt),
      });
      if (!known) logger.warn({ deliveryId }, 'tg.out.sent for a delivery this service never logged');
    });
  };
}
