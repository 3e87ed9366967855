import { DomainError } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { lockAdmins } from '../store/advisory-locks.js';
import { countActiveAdminsWithLogin, type UserColumns, type UserRow } from '../store/users-store.js';

/**
 * Refuses a change that would leave no active admin able to sign in: `row` is an admin with a
 * login about to lose the role or be deactivated, and nobody else could sign in as admin.
 */
export async function keepAnAdmin(trx: Knex.Transaction, row: UserRow, columns: UserColumns): Promise<void> {
  const stopsBeingAdmin =
    row.role === 'admin' &&
    row.active &&
    row.login !== null &&
    (columns.role !== undefined || columns.active === false);
  if (!stopsBeingAdmin) return;
  await lockAdmins(trx);
  if ((await countActiveAdminsWithLogin(trx, row.id)) === 0)
    throw new DomainError(
      'conflict',
      'this is the last active admin who can sign in; make another admin first',
      {
        field: columns.role !== undefined ? 'role' : 'active',
      },
    );
}
