import { EXCHANGES, type EventType, type Registry } from '@fieldgram/contracts';

/** Telegram facts worth a line in the journal (the rest of fg.tg is traffic, not business events). */
export const JOURNALED_TELEGRAM_EVENTS: readonly string[] = ['tg.user.blocked'];

/**
 * What the journal subscribes to: every domain event of the registry (kind event, on fg.events),
 * plus the Telegram facts above. Derived from the contracts, so a new event type is journaled
 * from the next deploy on, with no change here.
 */
export function journaledTypes<R extends Registry>(registry: R): EventType<R>[] {
  return Object.entries(registry)
    .filter(
      ([type, def]) =>
        def.kind === 'event' &&
        (def.exchange === EXCHANGES.events || JOURNALED_TELEGRAM_EVENTS.includes(type)),
    )
    .map(([type]) => type as EventType<R>);
}
