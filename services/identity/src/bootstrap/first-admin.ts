import type { Logger } from 'pino';
import type { Messages } from '@fieldgram/contracts';
import { ConfigError, type ServiceDatabase, type UnitOfWork } from '@fieldgram/platform';
import { isProduction, type IdentityEnv } from '../config.js';
import { hashPassword, verifyPassword } from '../domain/password.js';
import { countActiveAdminsWithLogin, findUserByLogin, insertUser, toUser } from '../store/users-store.js';
import { registeredEvent, userPartition } from '../events/user-event-fields.js';
import { lockAdmins } from '../store/advisory-locks.js';
import { isMissingSchema, withStartCheckDatabase } from './start-check-database.js';

/** A local trial with no ADMIN_* set signs in with this (and is told loudly to change it). */
export const DEFAULT_ADMIN = { login: 'admin', password: 'admin' } as const;

const DEFAULT_WARNING =
  'the admin signs in with the default admin/admin: set ADMIN_LOGIN and ADMIN_PASSWORD ' +
  '(never run like this outside a local trial)';

export type FirstAdminOutcome = 'exists' | 'created' | 'created-default';

function missingCredentials(): ConfigError {
  const problem = 'required when NODE_ENV=production and no admin who can sign in exists yet';
  return new ConfigError([
    { variable: 'ADMIN_LOGIN', problem },
    { variable: 'ADMIN_PASSWORD', problem },
  ]);
}

/**
 * Makes sure an active admin can sign in to the REST API: the first start creates one from
 * ADMIN_LOGIN / ADMIN_PASSWORD (in development without them: admin/admin, with a warning); later
 * starts change nothing. Concurrent instances serialize on an advisory lock, so one is made.
 * @throws ConfigError in production when there is no admin and no ADMIN_* to make one.
 */
export async function ensureFirstAdmin(deps: {
  env: IdentityEnv;
  uow: UnitOfWork<Messages>;
  db: ServiceDatabase;
  logger: Logger;
}): Promise<FirstAdminOutcome> {
  const { env, uow, db, logger } = deps;
  const given =
    env.ADMIN_LOGIN !== undefined && env.ADMIN_PASSWORD !== undefined
      ? { login: env.ADMIN_LOGIN, password: env.ADMIN_PASSWORD }
      : undefined;
  if (!given && isProduction(env) && (await countActiveAdminsWithLogin(db.knex)) === 0)
    throw missingCredentials();
  const credentials = given ?? DEFAULT_ADMIN;

  const outcome = await uow.run(async ({ trx, emit }): Promise<FirstAdminOutcome> => {
    await lockAdmins(trx);
    if ((await countActiveAdminsWithLogin(trx)) > 0) return 'exists';
    if (!given && isProduction(env)) throw missingCredentials();
    if (await findUserByLogin(trx, credentials.login))
      throw new Error(
        `cannot create the first admin: the login "${credentials.login}" belongs to a person who is ` +
          'not an active admin; set ADMIN_LOGIN to another login',
      );
    const row = await insertUser(trx, {
      role: 'admin',
      displayName: 'Administrator',
      phone: null,
      email: null,
      login: credentials.login,
      passwordHash: await hashPassword(credentials.password),
      managerId: null,
    });
    const user = toUser(row);
    await emit('user.registered', registeredEvent(user, 'staff'), userPartition(user.id));
    return given ? 'created' : 'created-default';
  });

  if (outcome === 'created')
    logger.info({ login: credentials.login }, 'first admin created from ADMIN_LOGIN');
  // `defaultCredentials` lets npm start's ready line say how to sign in.
  if (outcome === 'created-default')
    logger.warn({ login: DEFAULT_ADMIN.login, defaultCredentials: true }, DEFAULT_WARNING);
  if (outcome === 'exists' && given)
    logger.info('an admin already exists: ADMIN_LOGIN / ADMIN_PASSWORD only ever create the first one');
  if (outcome === 'exists' && !given && (await stillDefault(db)))
    logger.warn({ login: DEFAULT_ADMIN.login, defaultCredentials: true }, DEFAULT_WARNING);
  return outcome;
}

async function stillDefault(db: ServiceDatabase): Promise<boolean> {
  const row = await findUserByLogin(db.knex, DEFAULT_ADMIN.login);
  return (
    row?.role === 'admin' &&
    row.active &&
    row.password_hash !== null &&
    (await verifyPassword(DEFAULT_ADMIN.password, row.password_hash))
  );
}

function defaultPasswordInProduction(): ConfigError {
  return new ConfigError([
    {
      variable: 'ADMIN_PASSWORD',
      problem:
        `the admin "${DEFAULT_ADMIN.login}" still signs in with the default password, which production ` +
        'refuses: sign in outside production and change it (PATCH /api/v1/users/<id> with a new password)',
    },
  ]);
}

/**
 * For the process entry, before the service starts, in production only: refuse with a
 * ConfigError (exit 78) when there is no admin who can sign in and no ADMIN_* to make one, or when
 * an admin still signs in with the default admin/admin. Anything else (a database that does not
 * answer yet) is left to the normal start, which reports and retries its own way.
 */
export async function checkFirstAdminSource(env: IdentityEnv, schema = 'identity'): Promise<void> {
  if (!isProduction(env)) return;
  const problem = await withStartCheckDatabase(env.DATABASE_URL, schema, async (db) => {
    const admins = await countAdmins(db, schema);
    if (admins === 0 && env.ADMIN_LOGIN === undefined) return missingCredentials();
    if (admins !== undefined && admins > 0 && (await stillDefault(db))) return defaultPasswordInProduction();
    return undefined;
  });
  if (problem) throw problem;
}

/** Active admins who can sign in; 0 before the schema exists; undefined if the database does not answer. */
async function countAdmins(db: ServiceDatabase, schema: string): Promise<number | undefined> {
  try {
    const result = await db.knex.raw<{ rows: { count: number }[] }>(
      `select count(*)::int as count from ??.users where role = 'admin' and active and login is not null`,
      [schema],
    );
    return result.rows[0]?.count ?? 0;
  } catch (error) {
    // No users table or schema yet, so certainly no admin.
    return isMissingSchema(error) ? 0 : undefined;
  }
}
