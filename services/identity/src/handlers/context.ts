import type { Envelope, Messages } from '@fieldgram/contracts';
import { DomainError, type ServiceRuntime } from '@fieldgram/platform';
import type { Knex } from 'knex';
import type { IdentityEnv } from '../config.js';
import type { BotLinks } from '../links/bot-links.js';
import type { UserRow } from '../store/users-store.js';
import { findUserById } from '../store/users-store.js';

/** What every handler of identity works with. */
export interface IdentityContext {
  runtime: ServiceRuntime<Messages>;
  links: BotLinks;
  env: IdentityEnv;
}

/** Events about a person keep their order: one partition per person. */
export function userPartition(userId: string): { partitionKey: string } {
  return { partitionKey: `user:${userId}` };
}

/** The person behind a request (an admin through the api-gateway), for `created_by` columns. */
export function actorId(request: Envelope): string | null {
  return request.actor.kind === 'user' ? request.actor.userId : null;
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError('validation', message, { field });
}

export async function requireUser(
  db: Knex | Knex.Transaction,
  userId: string,
  lock?: 'update',
): Promise<UserRow> {
  const row = await findUserById(db, userId, lock);
  if (!row) throw new DomainError('not_found', `no user ${userId}`, { userId });
  return row;
}

/** A client's manager (S1-01) must be an active manager. */
export async function requireManager(
  trx: Knex.Transaction,
  managerId: string,
  forUserId?: string,
): Promise<void> {
  if (managerId === forUserId) throw invalid('managerId', 'a person cannot be their own manager');
  const manager = await findUserById(trx, managerId, 'share');
  if (!manager || manager.role !== 'manager' || !manager.active)
    throw invalid('managerId', `managerId ${managerId} is not an active manager`);
}

/** Serializes changes that could leave no admin able to sign in (first admin, last admin). */
export async function lockAdmins(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', ['identity:admins']);
}

/** Postgres' unique_violation on the named index or constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === constraint;
}
