import type { RequestHandler, ServiceRuntime } from '@fieldgram/platform';
import type { Messages } from '@fieldgram/contracts';
import { queryJournal } from '../store/journal-store.js';

/** `audit.query`: journal lines by type, subject and time, newest first, paged. */
export function queryJournalHandler(
  runtime: ServiceRuntime<Messages>,
): RequestHandler<Messages, 'audit.query'> {
  return async (request) => {
    const { page, pageSize } = request.data;
    const result = await queryJournal(runtime.db.knex, request.data);
    return { ...result, page, pageSize };
  };
}
