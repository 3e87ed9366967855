import type { Knex } from 'knex';
import { invalid } from '../domain/refusals.js';
import { findUserById } from '../store/users-store.js';

/** A client's manager (S1-01) must be an active manager, and not the client themself. */
export async function requireManager(
  trx: Knex.Transaction,
  managerId: string,
  forUserId?: string,
): Promise<void> {
  if (managerId === forUserId) throw invalid('managerId', 'a person cannot be their own manager');
  const manager = await findUserById(trx, managerId, 'share');
  if (!manager || manager.role !== 'manager' || !manager.active)
    throw invalid('managerId', `managerId ${managerId} is not an active manager`);
}
