import type { Messages, TelegramProfile } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { profileFieldsFrom, type NewPersonPlan } from '../../domain/registration.js';
import { registeredEvent, userPartition } from '../../events/user-event-fields.js';
import { insertTelegramUser, toUser } from '../../store/users-store.js';
import type { ManagerRuleDeps } from '../manager-assignment/manager-rule-deps.js';
import { managerOfNewPerson, settleNewPerson } from '../manager-assignment/new-person.js';
import type { RegistrationResult } from './registration-result.js';

/**
 * A person made from their Telegram profile, in the role the plan says; emits `user.registered`.
 * A client gets a manager by the rule, a manager takes the clients waiting for one (S1-01).
 */
export async function registerNewPerson(
  tx: TransactionContext<Messages>,
  managerRule: ManagerRuleDeps,
  profile: TelegramProfile,
  plan: NewPersonPlan,
): Promise<RegistrationResult> {
  const { trx, emit } = tx;
  const manager = await managerOfNewPerson(trx, managerRule, plan.role);
  const row = await insertTelegramUser(trx, {
    telegramId: profile.telegramId,
    role: plan.role,
    managerId: manager.managerId,
    ...profileFieldsFrom(profile),
  });
  // Unreachable while every writer of telegram_id holds the advisory lock; if it ever happens,
  // failing rolls back the invite use and the caller's retry finds the person.
  if (!row) throw new Error(`Telegram id ${profile.telegramId} was registered concurrently`);
  const user = toUser(row);
  await emit('user.registered', registeredEvent(user, plan.via), userPartition(user.id));
  await settleNewPerson(tx, managerRule, user, manager);
  return { user, outcome: plan.outcome };
}
