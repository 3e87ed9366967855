/**
 * A Telegram push is a `tg.out` command whose idempotency key names its delivery, so the
 * outcome bot-gateway reports (`tg.out.sent` / `tg.out.failed`) finds its way back to the log.
 */
export const TELEGRAM_KEY_PREFIX = 'notification:';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function telegramIdempotencyKey(deliveryId: string): string {
  return `${TELEGRAM_KEY_PREFIX}${deliveryId}`;
}

/** The delivery a `tg.out` idempotency key names, if it is one of ours; else undefined. */
export function deliveryIdOf(idempotencyKey: string): string | undefined {
  if (!idempotencyKey.startsWith(TELEGRAM_KEY_PREFIX)) return undefined;
  const id = idempotencyKey.slice(TELEGRAM_KEY_PREFIX.length);
  return isUuid(id) ? id : undefined;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
