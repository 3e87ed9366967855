import type { Knex } from 'knex';
import type { ManagerLoad } from '../domain/manager-rule.js';
import { isUuid, type UserRow } from './users-store.js';

type Db = Knex | Knex.Transaction;

/** Every active manager with their number of active clients, oldest first (S1-01's rule). */
export async function activeManagerLoads(db: Db): Promise<ManagerLoad[]> {
  const rows = await db
    .table('users as m')
    .leftJoin('users as c', function joinActiveClients() {
      this.on('c.manager_id', 'm.id').andOnVal('c.role', 'client').andOnVal('c.active', true);
    })
    .where({ 'm.role': 'manager', 'm.active': true })
    .groupBy('m.id', 'm.created_at')
    .orderBy([
      { column: 'm.created_at', order: 'asc' },
      { column: 'm.id', order: 'asc' },
    ])
    .select<{ id: string; created_at: Date; clients: string }[]>(
      'm.id',
      'm.created_at',
      db.raw('count(c.id) as clients'),
    );
  return rows.map((row) => ({ id: row.id, clients: Number(row.clients), createdAt: row.created_at }));
}

/** How many active clients have this manager (a manager leaving must hand them over first). */
export async function countActiveClientsOf(db: Db, managerId: string): Promise<number> {
  const [row] = await db
    .table('users')
    .where({ manager_id: managerId, role: 'client', active: true })
    .count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}

/** Active clients waiting for a manager (none existed when they came), in the order they came. */
export async function waitingClients(trx: Knex.Transaction): Promise<UserRow[]> {
  return trx
    .table('users')
    .where({ role: 'client', active: true })
    .whereNull('manager_id')
    .orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .forUpdate()
    .select<UserRow[]>('*');
}

/**
 * The person CLIENT_DEFAULT_MANAGER names: by login (any case) or by id; whatever their role.
 * `schema` names identity's schema for a connection that is not the service's own.
 */
export async function findByLoginOrId(db: Db, ref: string, schema?: string): Promise<UserRow | undefined> {
  return (schema === undefined ? db.table('users') : db.withSchema(schema).table('users'))
    .where((query) => {
      void query.whereRaw('lower(login) = lower(?)', [ref]);
      if (isUuid(ref)) void query.orWhere('id', ref);
    })
    .first<UserRow | undefined>();
}
