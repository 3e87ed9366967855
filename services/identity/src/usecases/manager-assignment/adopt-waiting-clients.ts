import type { Messages } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { managerAssignedEvent, updatedEvent, userPartition } from '../../events/user-event-fields.js';
import { lockManagerAssignment } from '../../store/advisory-locks.js';
import { waitingClients } from '../../store/managers-store.js';
import { toUser, updateUserRow } from '../../store/users-store.js';
import { managersByRule } from './manager-by-rule.js';
import type { ManagerRuleDeps } from './manager-rule-deps.js';

/**
 * A manager became available (created, joined, reactivated, made a manager): the clients who came
 * while no manager was active get one each, by the rule, in the order they came (S1-01).
 * @returns how many clients got a manager.
 */
export async function adoptWaitingClients(
  { trx, emit }: TransactionContext<Messages>,
  deps: ManagerRuleDeps,
): Promise<number> {
  // The lock before the clients' rows, as every assignment takes them.
  await lockManagerAssignment(trx);
  const waiting = await waitingClients(trx);
  const managers = await managersByRule(trx, deps, waiting.length);
  for (const [index, managerId] of managers.entries()) {
    const client = toUser(await updateUserRow(trx, waiting[index]!.id, { manager_id: managerId }));
    await emit('user.updated', updatedEvent(client, ['managerId']), userPartition(client.id));
    await emit('user.manager-assigned', managerAssignedEvent(client, null, 'rule'), userPartition(client.id));
  }
  return managers.length;
}
