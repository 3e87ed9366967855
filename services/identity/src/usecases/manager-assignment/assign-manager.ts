import type { DataOf, Messages, User } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { invalid } from '../../domain/refusals.js';
import { managerAssignedEvent, updatedEvent, userPartition } from '../../events/user-event-fields.js';
import { lockManagerAssignment } from '../../store/advisory-locks.js';
import { toUser, updateUserRow } from '../../store/users-store.js';
import { requireManager } from '../require-manager.js';
import { requireUser } from '../require-user.js';

/**
 * Staff give a client another manager (S1-01): the person must be a client, the manager an active
 * manager. Emits `user.updated` and `user.manager-assigned` (via: staff), which the client's open
 * claims follow; the same manager again changes nothing and says nothing.
 */
export async function assignManager(
  { trx, emit }: TransactionContext<Messages>,
  { clientId, managerId }: DataOf<Messages, 'identity.assign-manager'>,
): Promise<User> {
  // First, as every change of who manages whom: a manager leaving waits for this, and vice versa.
  await lockManagerAssignment(trx);
  const row = await requireUser(trx, clientId, 'update');
  if (row.role !== 'client')
    throw invalid('clientId', `${toUser(row).name} is a ${row.role}; only clients have a manager`);
  await requireManager(trx, managerId, row.id);
  if (row.manager_id === managerId) return toUser(row);
  const client = toUser(await updateUserRow(trx, row.id, { manager_id: managerId }));
  await emit('user.updated', updatedEvent(client, ['managerId']), userPartition(client.id));
  await emit(
    'user.manager-assigned',
    managerAssignedEvent(client, row.manager_id, 'staff'),
    userPartition(client.id),
  );
  return client;
}
