import type { Knex } from 'knex';
import { newMessageId } from '@fieldgram/contracts';
import { hashToken, newToken } from '../domain/tokens.js';

export interface LinkRow {
  id: string;
  token_hash: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  used_by_telegram_id: string | null;
  created_by: string | null;
  created_at: Date;
}

type Db = Knex | Knex.Transaction;

/** A one-time link token for a person; only its hash is stored, so the token is returned once. */
export async function insertLink(
  trx: Knex.Transaction,
  link: { userId: string; ttlHours: number; createdBy: string | null },
): Promise<{ row: LinkRow; token: string }> {
  const token = newToken();
  const [row] = await trx
    .table('telegram_links')
    .insert({
      id: newMessageId(),
      token_hash: hashToken(token),
      user_id: link.userId,
      expires_at: trx.raw('now() + make_interval(hours => ?)', [link.ttlHours]),
      created_by: link.createdBy,
    })
    .returning<LinkRow[]>('*');
  return { row: row!, token };
}

export async function findLinkByToken(db: Db, token: string, lock?: 'update'): Promise<LinkRow | undefined> {
  const query = db
    .table('telegram_links')
    .where({ token_hash: hashToken(token) })
    .first<LinkRow | undefined>();
  if (lock === 'update') void query.forUpdate();
  return query;
}

export async function markLinkUsed(trx: Knex.Transaction, id: string, telegramId: number): Promise<void> {
  await trx
    .table('telegram_links')
    .where({ id })
    .whereNull('used_at')
    .update({ used_at: trx.fn.now(), used_by_telegram_id: telegramId });
}

/** The database's clock: expiry is decided where it is stored, whatever the service's clock says. */
export async function databaseNow(db: Db): Promise<Date> {
  const result = await db.raw<{ rows: { now: Date }[] }>('select now() as now');
  return result.rows[0]!.now;
}
