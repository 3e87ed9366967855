import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError } from '@fieldgram/platform';
import type { IdentityEnv } from '../config.js';
import { findByLoginOrId } from '../store/managers-store.js';
import type { UserRow } from '../store/users-store.js';
import { isMissingSchema, withStartCheckDatabase } from './start-check-database.js';

const VARIABLE = 'CLIENT_DEFAULT_MANAGER';
type Env = Pick<IdentityEnv, 'CLIENT_DEFAULT_MANAGER'>;

/**
 * At start (S1-01): CLIENT_DEFAULT_MANAGER must name a manager — anyone else, or nobody, is a
 * ConfigError; an inactive manager only warns (clients follow the fewest-clients rule meanwhile).
 */
export async function checkDefaultManager(env: Env, db: Knex, logger: Logger): Promise<void> {
  const manager = await requireDefaultManager(env, db);
  if (manager && !manager.active)
    logger.warn(
      { defaultManager: env.CLIENT_DEFAULT_MANAGER, managerId: manager.id },
      `${VARIABLE} names an inactive manager: clients go to the manager with the fewest clients until they are active`,
    );
}

/** For the process entry: the same refusal before the service starts, so a wrong one exits 78. */
export async function checkDefaultManagerSource(env: IdentityEnv, schema: string): Promise<void> {
  if (env.CLIENT_DEFAULT_MANAGER === undefined) return;
  await withStartCheckDatabase(env.DATABASE_URL, schema, (db) => requireDefaultManager(env, db.knex, schema));
}

/** The manager it names (undefined when unset). @throws ConfigError when it names no manager. */
async function requireDefaultManager(env: Env, db: Knex, schema?: string): Promise<UserRow | undefined> {
  const ref = env.CLIENT_DEFAULT_MANAGER;
  if (ref === undefined) return undefined;
  const person = await findByLoginOrId(db, ref, schema).catch((error: unknown) => {
    if (isMissingSchema(error)) return undefined;
    throw error;
  });
  if (!person)
    throw refused(`names nobody: no manager has the login or id "${ref}" (create them first, or unset it)`);
  if (person.role !== 'manager') throw refused(`names "${ref}", who is a ${person.role}, not a manager`);
  return person;
}

function refused(problem: string): ConfigError {
  return new ConfigError([{ variable: VARIABLE, problem }]);
}
