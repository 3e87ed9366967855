import type { HandlerResult, ServiceRuntime } from '@fieldgram/platform';
import type { Envelope, Messages } from '@fieldgram/contracts';
import { subjectOf } from '../domain/subject.js';
import { appendToJournal } from '../store/journal-store.js';

/**
 * Any journaled event → one journal line, keyed by the envelope's id. The key makes it exactly
 * once without an inbox: a redelivery's insert does nothing (and counts as a duplicate).
 */
export function journalEventHandler(runtime: ServiceRuntime<Messages>) {
  return async (event: Envelope): Promise<HandlerResult> => {
    const appended = await appendToJournal(runtime.db.knex, event, subjectOf(event));
    return { duplicate: !appended };
  };
}
