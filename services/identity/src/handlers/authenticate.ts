import type { Messages } from '@fieldgram/contracts';
import { DomainError, type QueryHandler } from '@fieldgram/platform';
import { hashPassword, needsRehash, verifyPassword } from '../domain/password.js';
import { findUserByLogin, toUser } from '../store/users-store.js';
import type { IdentityContext } from './context.js';

const REFUSAL = 'wrong login or password';

/**
 * `identity.authenticate`: REST credentials. A wrong pair and an inactive person get the same
 * answer, after the same work, so logins cannot be probed.
 */
export function authenticateHandler({
  runtime,
}: IdentityContext): QueryHandler<Messages, 'identity.authenticate'> {
  let dummyHash: Promise<string> | undefined;
  return async (request) => {
    const { login, password } = request.data;
    const row = await findUserByLogin(runtime.db.knex, login);
    const storedHash = row?.password_hash ?? (await (dummyHash ??= hashPassword('not a password')));
    const matches = await verifyPassword(password, storedHash);
    if (!row?.password_hash || !matches || !row.active) throw new DomainError('unauthorized', REFUSAL);

    if (needsRehash(row.password_hash)) {
      const rehashed = await hashPassword(password);
      await runtime.db.knex
        .table('users')
        .where({ id: row.id, password_hash: row.password_hash })
        .update({ password_hash: rehashed });
    }
    const user = toUser(row);
    return { userId: user.id, role: user.role, name: user.name };
  };
}
