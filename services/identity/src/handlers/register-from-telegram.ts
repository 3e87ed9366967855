import type { Messages, ResultOf, TelegramProfile } from '@fieldgram/contracts';
import type { QueryHandler, TransactionContext } from '@fieldgram/platform';
import {
  changedProfileFields,
  decideLink,
  planNewPerson,
  profileFieldsFrom,
  type NewPersonPlan,
} from '../domain/registration.js';
import { parseStartPayload } from '../domain/tokens.js';
import { useInvite } from '../store/invites-store.js';
import { databaseNow, findLinkByToken, markLinkUsed } from '../store/links-store.js';
import {
  findUserById,
  findUserByTelegramId,
  insertTelegramUser,
  profileColumns,
  profileFieldsOf,
  toUser,
  updateUserRow,
  type UserRow,
} from '../store/users-store.js';
import { userPartition, type IdentityContext } from './context.js';

type Result = ResultOf<Messages, 'identity.register-from-telegram'>;
type Tx = TransactionContext<Messages>;

/**
 * `identity.register-from-telegram` (S0-02…S0-04, S2-01, S3-06): first contact or /start.
 * Everything for one Telegram id runs under one advisory lock in one transaction, so the same
 * /start sent ten times at once makes one person and one `user.registered`. An inactive person is
 * answered `blocked` and nothing changes.
 */
export function registerFromTelegramHandler({
  runtime,
}: IdentityContext): QueryHandler<Messages, 'identity.register-from-telegram'> {
  return (request) =>
    runtime.uow.run(async (tx) => {
      const { profile, startPayload } = request.data;
      await tx.trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `identity:telegram:${profile.telegramId}`,
      ]);
      const existing = await findUserByTelegramId(tx.trx, profile.telegramId, 'update');
      // An inactive person stays blocked whatever link they come back with (S3-07).
      if (existing && !existing.active) return { user: toUser(existing), outcome: 'blocked' };
      const start = parseStartPayload(startPayload);
      if (start.kind === 'link') return redeemLink(tx, profile, start.token);

      if (existing) return { user: toUser(await refreshProfile(tx, existing, profile)), outcome: 'existing' };

      const plan =
        start.kind === 'invite'
          ? planNewPerson({ kind: 'invite', role: (await useInvite(tx.trx, start.token)) ?? null })
          : planNewPerson({ kind: 'plain' });
      return registerNew(tx, profile, plan);
    }, request);
}

async function registerNew(
  { trx, emit }: Tx,
  profile: TelegramProfile,
  plan: NewPersonPlan,
): Promise<Result> {
  const row = await insertTelegramUser(trx, {
    telegramId: profile.telegramId,
    role: plan.role,
    ...profileFieldsFrom(profile),
  });
  // Unreachable while every writer of telegram_id holds the advisory lock; if it ever happens,
  // failing rolls back the invite use and the caller's retry finds the person.
  if (!row) throw new Error(`Telegram id ${profile.telegramId} was registered concurrently`);
  const user = toUser(row);
  await emit(
    'user.registered',
    {
      userId: user.id,
      role: user.role,
      name: user.name,
      telegramId: user.telegramId,
      username: user.username,
      profileLink: user.profileLink,
      via: plan.via,
    },
    userPartition(user.id),
  );
  return { user, outcome: plan.outcome };
}

/** Refreshes what Telegram says about a known person (names, username); the role stays. */
async function refreshProfile({ trx, emit }: Tx, row: UserRow, profile: TelegramProfile): Promise<UserRow> {
  const current = profileFieldsOf(row);
  const next = profileFieldsFrom(profile, current);
  const changed = changedProfileFields(current, next);
  if (changed.length === 0) return row;
  const updated = await updateUserRow(trx, row.id, profileColumns(next));
  const user = toUser(updated);
  await emit(
    'user.updated',
    { userId: user.id, role: user.role, active: user.active, name: user.name, changed },
    userPartition(user.id),
  );
  return updated;
}

/** `l_<token>`: attach this Telegram account to the person the token was made for (S2-01, S2-02). */
async function redeemLink(tx: Tx, profile: TelegramProfile, token: string): Promise<Result> {
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
    return registerNew(tx, profile, planNewPerson({ kind: 'link-refused' }));
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
