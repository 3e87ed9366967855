import { DomainError } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { findUserById, type UserRow } from '../store/users-store.js';

/** A person identity knows; anyone else is `not_found`. */
export async function requireUser(
  db: Knex | Knex.Transaction,
  userId: string,
  lock?: 'update',
): Promise<UserRow> {
  const row = await findUserById(db, userId, lock);
  if (!row) throw new DomainError('not_found', `no user ${userId}`, { userId });
  return row;
}
