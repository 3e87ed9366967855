import type { Messages, TelegramProfile } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { profileFieldsFrom, type NewPersonPlan } from '../../domain/registration.js';
import { registeredEvent, userPartition } from '../../events/user-event-fields.js';
import { insertTelegramUser, toUser } from '../../store/users-store.js';
import type { RegistrationResult } from './registration-result.js';

/** A person made from their Telegram profile, in the role the plan says; emits `user.registered`. */
export async function registerNewPerson(
  { trx, emit }: TransactionContext<Messages>,
  profile: TelegramProfile,
  plan: NewPersonPlan,
): Promise<RegistrationResult> {
  const row = await insertTelegramUser(trx, {
    telegramId: profile.telegramId,
    role: plan.role,
    ...profileFieldsFrom(profile),
  });
  // Unreachable while every writer of telegram_id holds the advisory lock; if it ever happens,
  // failing rolls back the invite use and the caller's retry finds the person.
  if (!row) throw new Error(`Telegram id ${profile.telegramId} was registered concurrently`);
  const user = toUser(row);
  await emit('user.registered', registeredEvent(user, plan.via), userPartition(user.id));
  return { user, outcome: plan.outcome };
}
