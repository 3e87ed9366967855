import type { Knex } from 'knex';
import { distributeClients, pickManager } from '../../domain/manager-rule.js';
import { lockManagerAssignment } from '../../store/advisory-locks.js';
import { activeManagerLoads, findByLoginOrId } from '../../store/managers-store.js';
import type { ManagerRuleDeps } from './manager-rule-deps.js';

/**
 * The manager the next client gets by the organization's rule (S1-01); null while no manager is
 * active. Takes the assignment lock, so clients joining at once each count the ones before them.
 */
export async function managerByRule(trx: Knex.Transaction, deps: ManagerRuleDeps): Promise<string | null> {
  await lockManagerAssignment(trx);
  return pickManager(await activeManagerLoads(trx), await fixedManagerId(trx, deps));
}

/** The managers of `count` waiting clients, in turn, by the same rule (under the same lock). */
export async function managersByRule(
  trx: Knex.Transaction,
  deps: ManagerRuleDeps,
  count: number,
): Promise<string[]> {
  await lockManagerAssignment(trx);
  return distributeClients(await activeManagerLoads(trx), count, await fixedManagerId(trx, deps));
}

/** CLIENT_DEFAULT_MANAGER's id while they are an active manager; else null, with a warning. */
async function fixedManagerId(trx: Knex.Transaction, deps: ManagerRuleDeps): Promise<string | null> {
  if (deps.defaultManager === undefined) return null;
  const manager = await findByLoginOrId(trx, deps.defaultManager);
  if (manager?.role === 'manager' && manager.active) return manager.id;
  deps.logger.warn(
    { defaultManager: deps.defaultManager, managerId: manager?.id ?? null },
    'CLIENT_DEFAULT_MANAGER is no longer an active manager: clients go to the manager with the fewest clients',
  );
  return null;
}
