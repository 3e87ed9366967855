import { DomainError } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { lockManagerAssignment } from '../../store/advisory-locks.js';
import { countActiveClientsOf } from '../../store/managers-store.js';
import { toUser, type UserColumns, type UserRow } from '../../store/users-store.js';

/**
 * Refuses a change that would leave clients without a manager (S1-01): `row` is an active manager
 * about to be deactivated or to lose the role while active clients still have them.
 */
export async function keepClientsManaged(
  trx: Knex.Transaction,
  row: UserRow,
  columns: UserColumns,
): Promise<void> {
  const leaves =
    row.role === 'manager' &&
    row.active &&
    ((columns.role !== undefined && columns.role !== 'manager') || columns.active === false);
  if (!leaves) return;
  await lockManagerAssignment(trx);
  const clients = await countActiveClientsOf(trx, row.id);
  if (clients === 0) return;
  const field = columns.active === false ? 'active' : 'role';
  throw new DomainError(
    'conflict',
    `${toUser(row).name} still manages ${clients} active client${clients === 1 ? '' : 's'}: ` +
      'reassign them to another manager first (PUT /users/{id}/manager)',
    { field, clients },
  );
}
