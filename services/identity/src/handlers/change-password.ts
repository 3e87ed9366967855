import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler, type UnitOfWork } from '@fieldgram/platform';
import { hashPassword, verifyPassword } from '../domain/password.js';
import { findUserById, setPasswordHash } from '../store/users-store.js';
import { userPartition } from '../events/user-event-fields.js';

/**
 * `identity.change-password`: a signed-in person replaces their own REST password, proving the
 * current one. Emits `user.password-changed` (journaled; the password never leaves identity).
 */
export function changePasswordHandler({
  uow,
}: {
  uow: UnitOfWork<Messages>;
}): RequestHandler<Messages, 'identity.change-password'> {
  return async (request) => {
    const { userId, currentPassword, newPassword } = request.data;
    if (newPassword === currentPassword)
      throw new DomainError('validation', 'the new password must differ from the current one', {
        field: 'newPassword',
      });
    const newHash = await hashPassword(newPassword);
    return uow.run(async ({ trx, emit }) => {
      const row = await findUserById(trx, userId, 'update');
      if (!row?.active || row.password_hash === null)
        throw new DomainError('conflict', 'this account has no password to change');
      if (!(await verifyPassword(currentPassword, row.password_hash)))
        throw new DomainError('validation', 'the current password is wrong', { field: 'currentPassword' });
      await setPasswordHash(trx, userId, newHash);
      await emit('user.password-changed', { userId, role: row.role }, userPartition(userId));
      return { userId };
    }, request);
  };
}
