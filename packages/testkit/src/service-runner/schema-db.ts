import { createDatabase, type ServiceDatabase } from '@fieldgram/platform';
import type { TestEnv } from '../isolation.js';

export type SchemaDb = ServiceDatabase['knex'];

/**
 * Direct reads and writes of one service's schema (it is searched first), for what a test cannot
 * ask the service: expire a token, count outbox rows. Destroy it when done.
 */
export function schemaDb(env: TestEnv, schema: string): SchemaDb {
  return createDatabase({ url: env.databaseUrl, schema, poolMax: 3 }).knex;
}

/**
 * Events the service wrote to its outbox (committed), by type and optionally one data field: the
 * exact count, without waiting for delivery. `db` is a `schemaDb` of that service.
 */
export async function outboxCount(
  db: SchemaDb,
  type: string,
  where?: { field: string; value: string | number },
): Promise<number> {
  const query = db.table('fg_outbox').where({ routing_key: type });
  if (where) void query.whereRaw("envelope->'data'->>? = ?", [where.field, String(where.value)]);
  const [row] = await query.count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}
