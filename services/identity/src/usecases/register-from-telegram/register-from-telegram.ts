import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { planNewPerson } from '../../domain/registration.js';
import { parseStartPayload } from '../../domain/tokens.js';
import { lockTelegramAccount } from '../../store/advisory-locks.js';
import { useInvite } from '../../store/invites-store.js';
import { findUserByTelegramId, toUser } from '../../store/users-store.js';
import { redeemLink } from './redeem-link.js';
import { refreshProfile } from './refresh-profile.js';
import { registerNewPerson } from './register-new-person.js';
import type { RegistrationResult } from './registration-result.js';
import type { ManagerRuleDeps } from '../manager-assignment/manager-rule-deps.js';

export interface RegisterFromTelegramDeps {
  uow: UnitOfWork<Messages>;
  /** How a new client gets a manager (S1-01). */
  managerRule: ManagerRuleDeps;
}

/**
 * First contact or /start (S0-02…S0-04, S2-01, S3-06). Everything for one Telegram id runs under
 * one advisory lock in one transaction, so the same /start sent ten times at once makes one person
 * and one `user.registered`. An inactive person is answered `blocked` and nothing changes.
 */
export async function registerFromTelegram(
  { uow, managerRule }: RegisterFromTelegramDeps,
  request: Envelope<'identity.register-from-telegram', DataOf<Messages, 'identity.register-from-telegram'>>,
): Promise<RegistrationResult> {
  return uow.run(async (tx) => {
    const { profile, startPayload } = request.data;
    await lockTelegramAccount(tx.trx, profile.telegramId);
    const existing = await findUserByTelegramId(tx.trx, profile.telegramId, 'update');
    // An inactive person stays blocked whatever link they come back with (S3-07).
    if (existing && !existing.active) return { user: toUser(existing), outcome: 'blocked' };
    const start = parseStartPayload(startPayload);
    if (start.kind === 'link') return redeemLink(tx, managerRule, profile, start.token);

    if (existing) return { user: toUser(await refreshProfile(tx, existing, profile)), outcome: 'existing' };

    const plan =
      start.kind === 'invite'
        ? planNewPerson({ kind: 'invite', role: (await useInvite(tx.trx, start.token)) ?? null })
        : planNewPerson({ kind: 'plain' });
    return registerNewPerson(tx, managerRule, profile, plan);
  }, request);
}
