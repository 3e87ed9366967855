import { ServiceRuntime, type HandlerMap } from '@fieldgram/platform';
import { messages, type EventType, type Messages } from '@fieldgram/contracts';
import type { AuditEnv } from './config.js';
import { journaledTypes } from './domain/journaled-types.js';
import { journalEventHandler } from './handlers/journal-event.js';
import { queryJournalHandler } from './handlers/query-journal.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'audit';

export interface AuditService {
  runtime: ServiceRuntime<Messages>;
}

/**
 * Wiring: every domain event → the append-only journal (S0-12); the journal over request/reply.
 *
 * Why one handler per registered event type rather than a raw `#` binding: the platform's
 * Consumer binds one routing key per handler and parks whatever has no handler, and it can only
 * validate types the registry knows. Binding exactly the registry's events keeps the queue to
 * messages the journal can validate and store (no parked strangers), keeps every platform
 * guarantee (validation, retries, dead-lettering, metrics), and follows the contracts by itself:
 * the queue is bound to a newly added event type when the next version declares it.
 */
export function createAuditService(env: AuditEnv): Promise<AuditService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
  });
  const journal = journalEventHandler(runtime);
  // The map's type lists every event type; at run time it holds (and binds) the journaled ones.
  const handlers = Object.fromEntries(
    journaledTypes(messages).map((type) => [type, journal]),
  ) as unknown as HandlerMap<Messages, EventType<Messages>>;

  runtime
    .consume({ queue: 'audit.journal', handlers, prefetch: 100 })
    .respond({ handlers: { 'audit.query': queryJournalHandler(runtime) } });
  return Promise.resolve({ runtime });
}
