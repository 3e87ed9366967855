import { DomainError } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { findTask, type TaskRow } from '../store/tasks-store.js';

/** A task that exists and is not deleted; anything else is `not_found`. */
export async function requireTask(
  db: Knex | Knex.Transaction,
  taskId: string,
  lock?: 'update',
): Promise<TaskRow> {
  const row = await findTask(db, taskId, lock);
  if (!row) throw new DomainError('not_found', `no task ${taskId}`, { taskId });
  return row;
}
