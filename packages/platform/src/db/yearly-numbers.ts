import type { Knex } from 'knex';

/**
 * People read documents by yearly numbers without gaps (DESIGN §4: `INV-2026-0007`,
 * `WB-2026-000123`). One counter row per year, bumped in the creating transaction: the row lock
 * queues concurrent creators (no duplicates) and a rollback gives its number back (no gaps).
 */

/** The counters table of a service's schema: `year` → the last number given. For a migration. */
export async function createYearlyCounterTable(knex: Knex, table: string): Promise<void> {
  await knex.schema.createTable(table, (columns) => {
    columns.integer('year').primary();
    columns.integer('last').notNullable();
  });
}

/** The next number of `year`, taken in the caller's transaction (see above). */
export async function nextYearlyNumber(trx: Knex.Transaction, table: string, year: number): Promise<number> {
  const result = await trx.raw<{ rows: { last: number }[] }>(
    `insert into ?? (year, last) values (?, 1)
     on conflict (year) do update set last = ??.last + 1
     returning last`,
    [table, year, table],
  );
  return result.rows[0]!.last;
}

/** `<prefix>-<year>-<seq>`, the sequence zero-padded to `digits` (it grows past them). */
export function yearlyNumber(prefix: string, year: number, seq: number, digits: number): string {
  return `${prefix}-${year}-${String(seq).padStart(digits, '0')}`;
}
