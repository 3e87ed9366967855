import type { Knex } from 'knex';
import { containsPattern, nextYearlyNumber } from '@fieldgram/platform';
import { newMessageId, type Waybill, type WaybillInput, type WaybillStatus } from '@fieldgram/contracts';

type Db = Knex | Knex.Transaction;

/** What a reader of waybills needs: the service's database (its own schema). */
export interface WaybillReadDeps {
  db: Knex;
}

/** A row of `waybills` as Postgres returns it (numeric comes back as a string). */
export interface WaybillRow {
  id: string;
  number: string;
  year: number;
  seq: number;
  client_id: string;
  request_id: string;
  cargo: string;
  weight_kg: string;
  length_cm: string;
  width_cm: string;
  height_cm: string;
  pickup_address: string;
  delivery_address: string;
  payment_method: string;
  status: WaybillStatus;
  manager_id: string | null;
  pdf_sent_at: Date | null;
  pdf_delivered: boolean | null;
  created_at: Date;
  updated_at: Date;
  cancelled_at: Date | null;
}

const COUNTERS = 'waybill_counters';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toWaybill(row: WaybillRow): Waybill {
  return {
    id: row.id,
    number: row.number,
    clientId: row.client_id,
    cargo: row.cargo,
    weightKg: Number(row.weight_kg),
    lengthCm: Number(row.length_cm),
    widthCm: Number(row.width_cm),
    heightCm: Number(row.height_cm),
    pickupAddress: row.pickup_address,
    deliveryAddress: row.delivery_address,
    paymentMethod: row.payment_method,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
  };
}

/** The waybill; undefined for an unknown id (or one that is not a UUID). */
export async function findWaybill(db: Db, id: string, lock?: 'update'): Promise<WaybillRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const query = db.table('waybills').where({ id }).first<WaybillRow | undefined>();
  if (lock === 'update') void query.forUpdate();
  return query;
}

/** The waybill a client's request (wizard run) made, if it made one. */
export async function findByRequest(
  db: Db,
  clientId: string,
  requestId: string,
): Promise<WaybillRow | undefined> {
  return db
    .table('waybills')
    .where({ client_id: clientId, request_id: requestId })
    .first<WaybillRow | undefined>();
}

/** By its number, exactly as stored (normalize what people type first). */
export async function findByNumber(db: Db, number: string): Promise<WaybillRow | undefined> {
  return db.table('waybills').where({ number }).first<WaybillRow | undefined>();
}

/**
 * Serializes the creates of one client's request, so a repeated confirm arriving twice at once
 * finds the first one's waybill instead of taking a second number (held until the transaction ends).
 */
export async function lockRequest(trx: Knex.Transaction, clientId: string, requestId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `waybill:request:${clientId}:${requestId}`,
  ]);
}

/** The next number of `year`, in the caller's transaction (no gaps, no duplicates). */
export function nextSequence(trx: Knex.Transaction, year: number): Promise<number> {
  return nextYearlyNumber(trx, COUNTERS, year);
}

export interface NewWaybill extends WaybillInput {
  number: string;
  year: number;
  seq: number;
  clientId: string;
  requestId: string;
  managerId: string | null;
  createdAt: Date;
}

export async function insertWaybill(trx: Knex.Transaction, waybill: NewWaybill): Promise<WaybillRow> {
  const [row] = await trx
    .table('waybills')
    .insert({
      id: newMessageId(),
      number: waybill.number,
      year: waybill.year,
      seq: waybill.seq,
      client_id: waybill.clientId,
      request_id: waybill.requestId,
      cargo: waybill.cargo,
      weight_kg: waybill.weightKg,
      length_cm: waybill.lengthCm,
      width_cm: waybill.widthCm,
      height_cm: waybill.heightCm,
      pickup_address: waybill.pickupAddress,
      delivery_address: waybill.deliveryAddress,
      payment_method: waybill.paymentMethod,
      status: 'created',
      manager_id: waybill.managerId,
      created_at: waybill.createdAt,
      updated_at: waybill.createdAt,
    })
    .returning<WaybillRow[]>('*');
  return row!;
}

export async function markCancelled(trx: Knex.Transaction, id: string): Promise<WaybillRow> {
  const [row] = await trx
    .table('waybills')
    .where({ id })
    .update({ status: 'cancelled', cancelled_at: trx.fn.now(), updated_at: trx.fn.now() })
    .returning<WaybillRow[]>('*');
  return row!;
}

/** Not a change of the waybill: updated_at stays. */
export async function markPdfSent(trx: Knex.Transaction, id: string, delivered: boolean): Promise<void> {
  await trx.table('waybills').where({ id }).update({ pdf_sent_at: trx.fn.now(), pdf_delivered: delivered });
}

export interface ListFilter {
  clientId?: string | undefined;
  /** Only these clients' (a manager's); an empty list matches nothing. */
  clientIds?: readonly string[] | undefined;
  q?: string | undefined;
  /** Created on or after this day (UTC), YYYY-MM-DD. */
  from?: string | undefined;
  /** Created on or before this day (UTC), YYYY-MM-DD. */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Newest first — by number, which the counter's row lock hands out in commit order — one page,
 * and how many match.
 */
export async function listWaybillRows(
  db: Knex,
  filter: ListFilter,
): Promise<{ rows: WaybillRow[]; total: number }> {
  const base = db.table('waybills');
  if (filter.clientId !== undefined) void base.where({ client_id: filter.clientId });
  if (filter.clientIds !== undefined) void base.whereIn('client_id', [...filter.clientIds]);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    void base.where((where) => {
      for (const column of ['number', 'cargo', 'pickup_address', 'delivery_address'])
        void where.orWhereRaw('?? ilike ?', [column, pattern]);
    });
  }
  if (filter.from)
    void base.where('created_at', '>=', db.raw("(?::date)::timestamp at time zone 'UTC'", [filter.from]));
  if (filter.to)
    void base.where('created_at', '<', db.raw("((?::date) + 1)::timestamp at time zone 'UTC'", [filter.to]));
  const [counted] = await base.clone().count<{ count: string }[]>({ count: '*' });
  const rows = await base
    .clone()
    .select<WaybillRow[]>('*')
    .orderBy([
      { column: 'year', order: 'desc' },
      { column: 'seq', order: 'desc' },
    ])
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  return { rows, total: Number(counted?.count ?? 0) };
}
