import type { Messages, TelegramProfile } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { changedProfileFields, profileFieldsFrom } from '../../domain/registration.js';
import { updatedEvent, userPartition } from '../../events/user-event-fields.js';
import {
  profileColumns,
  profileFieldsOf,
  toUser,
  updateUserRow,
  type UserRow,
} from '../../store/users-store.js';

/** Refreshes what Telegram says about a known person (names, username); the role stays. */
export async function refreshProfile(
  { trx, emit }: TransactionContext<Messages>,
  row: UserRow,
  profile: TelegramProfile,
): Promise<UserRow> {
  const current = profileFieldsOf(row);
  const next = profileFieldsFrom(profile, current);
  const changed = changedProfileFields(current, next);
  if (changed.length === 0) return row;
  const updated = await updateUserRow(trx, row.id, profileColumns(next));
  const user = toUser(updated);
  await emit('user.updated', updatedEvent(user, changed), userPartition(user.id));
  return updated;
}
