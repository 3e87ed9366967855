import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { mayHaveLogin } from '../domain/people.js';
import { invalid } from '../domain/refusals.js';
import { userPartition } from '../events/user-event-fields.js';
import { toUser, updateUserRow, type UserColumns, type UserRow } from '../store/users-store.js';
import { keepAnAdmin } from '../usecases/keep-an-admin.js';
import { requireManager } from '../usecases/require-manager.js';
import { requireUser } from '../usecases/require-user.js';

/**
 * `identity.update-user` (S3-07): staff set the display name, role, active flag, phone, a client's
 * manager and the person's language. Emits `user.updated` naming the fields that changed; a patch
 * that changes nothing emits nothing.
 */
export function updateUserHandler({
  uow,
}: {
  uow: UnitOfWork<Messages>;
}): RequestHandler<Messages, 'identity.update-user'> {
  return (request) =>
    uow.run(async ({ trx, emit }) => {
      const { userId, patch } = request.data;
      const row = await requireUser(trx, userId, 'update');
      const columns: UserColumns = {};
      const changed: string[] = [];

      if (patch.displayName !== undefined && patch.displayName !== row.display_name) {
        columns.display_name = patch.displayName;
        changed.push('displayName');
      }
      if (patch.phone !== undefined && patch.phone !== row.phone) {
        columns.phone = patch.phone;
        changed.push('phone');
      }
      if (patch.role !== undefined && patch.role !== row.role) {
        if (row.login !== null && !mayHaveLogin(patch.role))
          throw invalid('role', `${nameForError(row)} has a login; only admins and managers may have one`);
        columns.role = patch.role;
        changed.push('role');
      }
      if (patch.active !== undefined && patch.active !== row.active) {
        columns.active = patch.active;
        changed.push('active');
      }
      if (patch.managerId !== undefined && patch.managerId !== row.manager_id) {
        if (patch.managerId !== null) await requireManager(trx, patch.managerId, row.id);
        columns.manager_id = patch.managerId;
        changed.push('managerId');
      }
      if (patch.language !== undefined && patch.language !== row.language) {
        columns.language = patch.language;
        changed.push('language');
      }
      if (changed.length === 0) return toUser(row);

      await keepAnAdmin(trx, row, columns);

      const user = toUser(await updateUserRow(trx, row.id, columns));
      await emit(
        'user.updated',
        { userId: user.id, role: user.role, active: user.active, name: user.name, changed },
        userPartition(user.id),
      );
      return user;
    }, request);
}

function nameForError(row: UserRow): string {
  return toUser(row).name;
}
