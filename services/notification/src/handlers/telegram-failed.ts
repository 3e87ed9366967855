import type { HandlerResult, MessageHandler, ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import { recordDeliveryOutcome } from '../store/delivery-store.js';
import { deliveryIdOf } from '../domain/delivery-keys.js';
import { TELEGRAM_OUTCOME_CONSUMER } from './telegram-sent.js';

/** `tg.out.failed` of one of our pushes → its delivery failed, with Telegram's error (S2-03). */
export function telegramFailedHandler(
  runtime: ServiceRuntime<Messages>,
): MessageHandler<Messages, 'tg.out.failed'> {
  return async (event, { logger }): Promise<HandlerResult> => {
    const deliveryId = deliveryIdOf(event.data.idempotencyKey);
    if (!deliveryId) return { duplicate: false };
    const { errorCode, description } = event.data;
    return runtime.uow.once(TELEGRAM_OUTCOME_CONSUMER, event, async ({ trx }) => {
      const known = await recordDeliveryOutcome(trx, deliveryId, {
        status: 'failed',
        error: `${errorCode}: ${description}`,
      });
      if (!known) logger.warn({ deliveryId }, 'tg.out.failed for a delivery this service never logged');
    });
  };
}
