import type { Messages, Role, User } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { invalid } from '../../domain/refusals.js';
import { managerAssignedEvent, userPartition } from '../../events/user-event-fields.js';
import { lockManagerAssignment } from '../../store/advisory-locks.js';
import { requireManager } from '../require-manager.js';
import { adoptWaitingClients } from './adopt-waiting-clients.js';
import { managerByRule } from './manager-by-rule.js';
import type { ManagerRuleDeps } from './manager-rule-deps.js';

/** A new person's manager: the one staff chose, else the rule's for a client; null otherwise. */
export interface NewPersonManager {
  managerId: string | null;
  via: 'staff' | 'rule';
}

/**
 * Before a person is inserted (S1-01): a client gets the manager staff named (an active manager)
 * or the rule's (none while no manager is active: they wait); nobody else has a manager.
 */
export async function managerOfNewPerson(
  trx: Knex.Transaction,
  deps: ManagerRuleDeps,
  role: Role,
  chosen?: string,
): Promise<NewPersonManager> {
  if (chosen !== undefined) {
    if (role !== 'client') throw invalid('managerId', `only clients have a manager, not a ${role}`);
    await lockManagerAssignment(trx);
    await requireManager(trx, chosen);
    return { managerId: chosen, via: 'staff' };
  }
  return { managerId: role === 'client' ? await managerByRule(trx, deps) : null, via: 'rule' };
}

/**
 * After a person is inserted and `user.registered` emitted: a client's manager is announced
 * (`user.manager-assigned`); a new manager takes the clients waiting for one.
 */
export async function settleNewPerson(
  tx: TransactionContext<Messages>,
  deps: ManagerRuleDeps,
  user: User,
  manager: NewPersonManager,
): Promise<void> {
  if (user.role === 'client' && manager.managerId !== null)
    await tx.emit(
      'user.manager-assigned',
      managerAssignedEvent(user, null, manager.via),
      userPartition(user.id),
    );
  if (user.role === 'manager' && user.active) await adoptWaitingClients(tx, deps);
}
