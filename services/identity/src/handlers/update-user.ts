import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { mayHaveLogin } from '../domain/people.js';
import { invalid } from '../domain/refusals.js';
import { updatedEvent, userPartition } from '../events/user-event-fields.js';
import { lockManagerAssignment } from '../store/advisory-locks.js';
import { toUser, updateUserRow, type UserColumns, type UserRow } from '../store/users-store.js';
import { keepAnAdmin } from '../usecases/keep-an-admin.js';
import {
  decideManagerChange,
  settleManagerChange,
  type ManagerChange,
} from '../usecases/manager-assignment/manager-on-update.js';
import type { ManagerRuleDeps } from '../usecases/manager-assignment/manager-rule-deps.js';
import { requireUser } from '../usecases/require-user.js';

/**
 * `identity.update-user` (S3-07): staff set the display name, role, active flag, phone, a client's
 * manager and the person's language. Emits `user.updated` naming the fields that changed; a patch
 * that changes nothing emits nothing. Who manages whom follows the role and active flag (S1-01,
 * `decideManagerChange`), and a manager change is also `user.manager-assigned`.
 */
export function updateUserHandler({
  uow,
  managerRule,
}: {
  uow: UnitOfWork<Messages>;
  managerRule: ManagerRuleDeps;
}): RequestHandler<Messages, 'identity.update-user'> {
  return (request) =>
    uow.run(async (tx) => {
      const { trx } = tx;
      const { userId, patch } = request.data;
      // Before the person's row, as every change of who manages whom takes them.
      if (patch.role !== undefined || patch.active !== undefined || patch.managerId !== undefined)
        await lockManagerAssignment(trx);
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
      const managers: ManagerChange = await decideManagerChange(
        trx,
        managerRule,
        row,
        patch,
        columns,
        changed,
      );
      if (patch.language !== undefined && patch.language !== row.language) {
        columns.language = patch.language;
        changed.push('language');
      }
      if (changed.length === 0) return toUser(row);

      await keepAnAdmin(trx, row, columns);

      const user = toUser(await updateUserRow(trx, row.id, columns));
      await tx.emit('user.updated', updatedEvent(user, changed), userPartition(user.id));
      await settleManagerChange(tx, managerRule, user, managers);
      return user;
    }, request);
}

function nameForError(row: UserRow): string {
  return toUser(row).name;
}
