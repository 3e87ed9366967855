import type { Knex } from 'knex';

/** Serializes changes that could leave no admin able to sign in (first admin, last admin). */
export async function lockAdmins(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', ['identity:admins']);
}

/** Serializes everything done for one Telegram account (its /starts, links), until commit. */
export async function lockTelegramAccount(trx: Knex.Transaction, telegramId: number): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`identity:telegram:${telegramId}`]);
}

/**
 * Serializes who manages whom (S1-01): picking a client's manager by the rule, reassigning, and a
 * manager leaving, so 30 clients joining at once spread evenly and nobody joins a leaving manager.
 */
export async function lockManagerAssignment(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', ['identity:manager-assignment']);
}
