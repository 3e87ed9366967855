import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { hashPassword, needsRehash, verifyPassword } from '../domain/password.js';
import { findUserByLogin, toUser, upgradePasswordHash, type PeopleReadDeps } from '../store/users-store.js';

const REFUSAL = 'wrong login or password';

/**
 * `identity.authenticate`: REST credentials. A wrong pair and an inactive person get the same
 * answer, after the same work, so logins cannot be probed.
 */
export function authenticateHandler({
  db,
}: PeopleReadDeps): RequestHandler<Messages, 'identity.authenticate'> {
  let dummyHash: Promise<string> | undefined;
  return async (request) => {
    const { login, password } = request.data;
    const row = await findUserByLogin(db, login);
    const storedHash = row?.password_hash ?? (await (dummyHash ??= hashPassword('not a password')));
    const matches = await verifyPassword(password, storedHash);
    if (!row?.password_hash || !matches || !row.active) throw new DomainError('unauthorized', REFUSAL);

    if (needsRehash(row.password_hash))
      await upgradePasswordHash(db, row.id, row.password_hash, await hashPassword(password));
    const user = toUser(row);
    return { userId: user.id, role: user.role, name: user.name };
  };
}
