import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler, type UnitOfWork } from '@fieldgram/platform';
import { mayHaveLogin } from '../domain/people.js';
import { hashPassword } from '../domain/password.js';
import { invalid } from '../domain/refusals.js';
import { registeredEvent, userPartition } from '../events/user-event-fields.js';
import { isUniqueViolation } from '../store/pg-errors.js';
import { findUserByLogin, insertUser, toUser, type UserRow } from '../store/users-store.js';
import type { ManagerRuleDeps } from '../usecases/manager-assignment/manager-rule-deps.js';
import { managerOfNewPerson, settleNewPerson } from '../usecases/manager-assignment/new-person.js';

/**
 * `identity.create-user`: a person without Telegram yet (a client from another system, a manager);
 * staff may get a REST login. Emits `user.registered` (via: staff); a client gets the manager
 * named, else the rule's (S1-01); a new manager takes the clients waiting for one.
 */
export function createUserHandler({
  uow,
  managerRule,
}: {
  uow: UnitOfWork<Messages>;
  managerRule: ManagerRuleDeps;
}): RequestHandler<Messages, 'identity.create-user'> {
  return async (request) => {
    const { role, name, phone, email, login, password, managerId } = request.data;
    if (password !== undefined && login === undefined)
      throw invalid('password', 'a password can only be set together with a login');
    if (login !== undefined && password === undefined) throw invalid('password', 'a login needs a password');
    if (login !== undefined && !mayHaveLogin(role))
      throw invalid('login', `only admins and managers may have a login, not a ${role}`);
    // Hashed before the transaction: scrypt takes a while and needs no lock.
    const passwordHash = password === undefined ? null : await hashPassword(password);

    return uow.run(async (tx) => {
      const { trx, emit } = tx;
      const manager = await managerOfNewPerson(trx, managerRule, role, managerId);
      if (login !== undefined && (await findUserByLogin(trx, login))) throw loginTaken(login);
      let row: UserRow;
      try {
        row = await insertUser(trx, {
          role,
          displayName: name,
          phone: phone ?? null,
          email: email ?? null,
          login: login ?? null,
          passwordHash,
          managerId: manager.managerId,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_login_unique')) throw loginTaken(login ?? '');
        throw error;
      }
      const user = toUser(row);
      await emit('user.registered', registeredEvent(user, 'staff'), userPartition(user.id));
      await settleNewPerson(tx, managerRule, user, manager);
      return user;
    }, request);
  };
}

function loginTaken(login: string): DomainError {
  return new DomainError('conflict', `the login "${login}" is taken`, { field: 'login' });
}
