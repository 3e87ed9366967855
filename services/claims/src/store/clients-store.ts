import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** What identity said about a client, and when (its `updatedAt`, or an event's `occurredAt`). */
export interface ClientWord {
  clientId: string;
  name: string;
  managerId: string | null;
  at: Date;
}

/** The client as claims now knows them: the newer word per field wins. */
export interface KnownClient {
  name: string;
  managerId: string | null;
}

/**
 * Takes identity's word about a client, field by field, unless claims already heard something
 * newer (events and lookups may arrive in either order). The row lock it takes orders the
 * filings and reassignments of one client.
 */
export async function rememberClient(trx: Knex.Transaction, word: ClientWord): Promise<KnownClient> {
  const result = await trx.raw<{ rows: { name: string; manager_id: string | null }[] }>(
    `insert into claim_clients as known (client_id, name, name_at, manager_id, manager_at)
     values (?, ?, ?, ?, ?)
     on conflict (client_id) do update set
       name = case when excluded.name_at >= known.name_at then excluded.name else known.name end,
       name_at = greatest(excluded.name_at, known.name_at),
       manager_id = case when excluded.manager_at >= known.manager_at
                         then excluded.manager_id else known.manager_id end,
       manager_at = greatest(excluded.manager_at, known.manager_at)
     returning name, manager_id`,
    [word.clientId, word.name, word.at, word.managerId, word.at],
  );
  const row = result.rows[0]!;
  return { name: row.name, managerId: row.manager_id };
}

/** A client's new name (`user.updated`), unless a newer one is known; unknown clients are skipped. */
export async function renameClient(db: Db, clientId: string, name: string, at: Date): Promise<void> {
  await db
    .table('claim_clients')
    .where({ client_id: clientId })
    .where('name_at', '<=', at)
    .update({ name, name_at: at });
}
