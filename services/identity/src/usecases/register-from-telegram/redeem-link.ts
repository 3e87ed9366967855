import type { Messages, TelegramProfile } from '@fieldgram/contracts';
import type { TransactionContext } from '@fieldgram/platform';
import { decideLink, planNewPerson, profileFieldsFrom } from '../../domain/registration.js';
import { userPartition } from '../../events/user-event-fields.js';
import { databaseNow, findLinkByToken, markLinkUsed } from '../../store/links-store.js';
import {
  findUserById,
  findUserByTelegramId,
  profileColumns,
  profileFieldsOf,
  toUser,
  updateUserRow,
} from '../../store/users-store.js';
import { refreshProfile } from './refresh-profile.js';
import { registerNewPerson } from './register-new-person.js';
import type { RegistrationResult } from './registration-result.js';
import type { ManagerRuleDeps } from '../manager-assignment/manager-rule-deps.js';

/** `l_<token>`: attach this Telegram account to the person the token was made for (S2-01, S2-02). */
export async function redeemLink(
  tx: TransactionContext<Messages>,
  managerRule: ManagerRuleDeps,
  profile: TelegramProfile,
  token: string,
): Promise<RegistrationResult> {
  const { trx, emit } = tx;
  const link = await findLinkByToken(trx, token, 'update');
  const owner = await findUserByTelegramId(trx, profile.telegramId, 'update');
  const now = await databaseNow(trx);
  const decision = decideLink({
    link: link && { userId: link.user_id, expiresAt: link.expires_at, usedAt: link.used_at },
    ownerId: owner?.id,
    now,
  });

  if (decision.action === 'refuse') {
    if (owner) return { user: toUser(await refreshProfile(tx, owner, profile)), outcome: 'link-invalid' };
    return registerNewPerson(tx, managerRule, profile, planNewPerson({ kind: 'link-refused' }));
  }
  if (decision.action === 'confirm') {
    if (link && !link.used_at && link.expires_at > now) await markLinkUsed(trx, link.id, profile.telegramId);
    return { user: toUser(await refreshProfile(tx, owner!, profile)), outcome: 'linked' };
  }

  const target = (await findUserById(trx, link!.user_id, 'update'))!;
  const previousTelegramId = target.telegram_id === null ? null : Number(target.telegram_id);
  const updated = await updateUserRow(trx, target.id, {
    telegram_id: profile.telegramId,
    ...profileColumns(profileFieldsFrom(profile, profileFieldsOf(target))),
  });
  await markLinkUsed(trx, link!.id, profile.telegramId);
  const user = toUser(updated);
  if (previousTelegramId !== null)
    await emit(
      'user.telegram-unlinked',
      { userId: user.id, telegramId: previousTelegramId, name: user.name },
      userPartition(user.id),
    );
  await emit(
    'user.telegram-linked',
    { userId: user.id, telegramId: profile.telegramId, name: user.name },
    userPartition(user.id),
  );
  return { user, outcome: 'linked' };
}
