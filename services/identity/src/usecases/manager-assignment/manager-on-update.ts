import type { DataOf, Messages, User } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { invalid } from '../../domain/refusals.js';
import { managerAssignedEvent, userPartition } from '../../events/user-event-fields.js';
import { findUserById, type UserColumns, type UserRow } from '../../store/users-store.js';
import { requireManager } from '../require-manager.js';
import { adoptWaitingClients } from './adopt-waiting-clients.js';
import { keepClientsManaged } from './keep-clients-managed.js';
import { managerByRule } from './manager-by-rule.js';
import type { ManagerRuleDeps } from './manager-rule-deps.js';

type Patch = DataOf<Messages, 'identity.update-user'>['patch'];

/** What a change of a person means for who manages whom, decided before the row is written. */
export interface ManagerChange {
  /** The client's manager changed (the column is set): announced as `user.manager-assigned`. */
  assigned?: { previousManagerId: string | null; via: 'staff' | 'rule' };
  /** They became an active manager: the clients waiting for one come to them. */
  adopt: boolean;
}

/**
 * Who manages whom through `identity.update-user` (S1-01), given the columns the patch changes:
 * a manager leaving with active clients is refused; a new manager staff name must be an active
 * manager and the person a client (a client always has one: null is refused); someone who stops
 * being a client loses their manager; someone who becomes an active client without an active
 * manager gets one by the rule. Sets `columns.manager_id` and names it in `changed`.
 */
export async function decideManagerChange(
  trx: Knex.Transaction,
  deps: ManagerRuleDeps,
  row: UserRow,
  patch: Patch,
  columns: UserColumns,
  changed: string[],
): Promise<ManagerChange> {
  await keepClientsManaged(trx, row, columns);
  const role = columns.role ?? row.role;
  const active = columns.active ?? row.active;
  const setManager = (managerId: string | null, via: 'staff' | 'rule'): ManagerChange['assigned'] => {
    columns.manager_id = managerId;
    changed.push('managerId');
    return managerId === null ? undefined : { previousManagerId: row.manager_id, via };
  };
  const adopt = role === 'manager' && active && !(row.role === 'manager' && row.active);

  if (patch.managerId !== undefined && patch.managerId !== row.manager_id) {
    if (role !== 'client') throw invalid('managerId', `only clients have a manager, not a ${role}`);
    if (patch.managerId === null)
      throw invalid('managerId', 'a client always has a manager: assign another one instead');
    await requireManager(trx, patch.managerId, row.id);
    return { assigned: setManager(patch.managerId, 'staff'), adopt };
  }
  if (role !== 'client') {
    if (row.manager_id !== null) setManager(null, 'staff');
    return { adopt };
  }
  const becomesActiveClient = active && !(row.role === 'client' && row.active);
  if (becomesActiveClient && !(await hasActiveManager(trx, row.manager_id))) {
    const managerId = await managerByRule(trx, deps);
    if (managerId !== null) return { assigned: setManager(managerId, 'rule'), adopt };
  }
  return { adopt };
}

/** After the row is written and `user.updated` emitted: the assignment announced, waiting clients adopted. */
export async function settleManagerChange(
  tx: TransactionContext<Messages>,
  deps: ManagerRuleDeps,
  user: User,
  change: ManagerChange,
): Promise<void> {
  if (change.assigned)
    await tx.emit(
      'user.manager-assigned',
      managerAssignedEvent(user, change.assigned.previousManagerId, change.assigned.via),
      userPartition(user.id),
    );
  if (change.adopt) await adoptWaitingClients(tx, deps);
}

async function hasActiveManager(trx: Knex.Transaction, managerId: string | null): Promise<boolean> {
  if (managerId === null) return false;
  const manager = await findUserById(trx, managerId);
  return manager?.role === 'manager' && manager.active;
}
