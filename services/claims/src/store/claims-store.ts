import type { Knex } from 'knex';
import { z } from 'zod';
import { containsPattern } from '@fieldgram/platform';
import { newMessageId, type ClaimStatus, type CURRENCY_MINOR_DIGITS } from '@fieldgram/contracts';
import { OPEN_STATUSES } from '../domain/claim-status.js';

type Db = Knex | Knex.Transaction;
type Currency = keyof typeof CURRENCY_MINOR_DIGITS;

/** What a reader of claims needs: the service's database (its own schema). */
export interface ClaimReadDeps {
  db: Knex;
}

/** A row of `claims` with its client's name, as Postgres returns it (bigint as a string). */
export interface ClaimRow {
  id: string;
  number: string;
  client_id: string;
  client_name: string;
  request_id: string;
  manager_id: string | null;
  waybill_number: string;
  waybill_id: string | null;
  email: string;
  description: string;
  amount: string;
  currency: Currency;
  status: ClaimStatus;
  comment: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An id that is no uuid is no claim's: not found rather than a Postgres error. */
const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;

function claims(db: Db): Knex.QueryBuilder {
  return db
    .table('claims')
    .join('claim_clients', 'claim_clients.client_id', 'claims.client_id')
    .select('claims.*', 'claim_clients.name as client_name');
}

export async function findClaim(db: Db, id: string, lock?: 'update'): Promise<ClaimRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = claims(db).where('claims.id', id).first<ClaimRow | undefined>();
  if (lock === 'update') void query.forUpdate('claims');
  return query;
}

/** The claim a filing (one wizard run of one client) made, if it made one. */
export function findFiledClaim(db: Db, clientId: string, requestId: string): Promise<ClaimRow | undefined> {
  return claims(db)
    .where({ 'claims.client_id': clientId, 'claims.request_id': requestId })
    .first<ClaimRow | undefined>();
}

export interface NewClaim {
  number: string;
  year: number;
  seq: number;
  clientId: string;
  requestId: string;
  managerId: string | null;
  waybillNumber: string;
  waybillId: string | null;
  email: string;
  description: string;
  amount: number;
  currency: Currency;
  filedAt: Date;
}

export async function insertClaim(trx: Knex.Transaction, claim: NewClaim): Promise<ClaimRow> {
  const id = newMessageId();
  await trx.table('claims').insert({
    id,
    number: claim.number,
    year: claim.year,
    seq: claim.seq,
    client_id: claim.clientId,
    request_id: claim.requestId,
    manager_id: claim.managerId,
    waybill_number: claim.waybillNumber,
    waybill_id: claim.waybillId,
    email: claim.email,
    description: claim.description,
    amount: claim.amount,
    currency: claim.currency,
    status: 'new',
    created_at: claim.filedAt,
    updated_at: claim.filedAt,
  });
  return (await findClaim(trx, id))!;
}

/** The columns a change may touch, with updated_at bumped. */
export type ClaimColumns = Partial<Pick<ClaimRow, 'status' | 'comment' | 'manager_id'>>;

export async function updateClaim(
  trx: Knex.Transaction,
  id: string,
  changes: ClaimColumns,
): Promise<ClaimRow> {
  await trx
    .table('claims')
    .where({ id })
    .update({ ...changes, updated_at: trx.fn.now() });
  return (await findClaim(trx, id))!;
}

/** A client's undecided claims whose manager is not `managerId`, locked, oldest first. */
export function openClaimsNotOf(
  trx: Knex.Transaction,
  clientId: string,
  managerId: string,
): Promise<ClaimRow[]> {
  return claims(trx)
    .where('claims.client_id', clientId)
    .whereIn('claims.status', OPEN_STATUSES)
    .where((query) => void query.whereNull('claims.manager_id').orWhereNot('claims.manager_id', managerId))
    .orderBy('claims.created_at')
    .forUpdate('claims');
}

export interface ClaimFilter {
  managerId?: string | undefined;
  clientId?: string | undefined;
  status?: ClaimStatus | undefined;
  /** Already normalized (`searchText`): anywhere in the claim's or waybill's number or the client's name. */
  search?: string | null;
  page: number;
  pageSize: number;
}

/** Newest first (the number breaks ties), one page, and how many match in all. */
export async function listClaimRows(
  db: Knex,
  filter: ClaimFilter,
): Promise<{ rows: ClaimRow[]; total: number }> {
  const base = db
    .table('claims')
    .join('claim_clients', 'claim_clients.client_id', 'claims.client_id')
    .modify((query: Knex.QueryBuilder) => {
      if (filter.managerId !== undefined) void query.where('claims.manager_id', filter.managerId);
      if (filter.clientId !== undefined) void query.where('claims.client_id', filter.clientId);
      if (filter.status) void query.where('claims.status', filter.status);
      if (filter.search) {
        const pattern = containsPattern(filter.search);
        void query.where((inner) => {
          void inner
            .orWhereILike('claims.number', pattern)
            .orWhereILike('claims.waybill_number', pattern)
            .orWhereILike('claim_clients.name', pattern);
        });
      }
    });
  const [counted, rows] = await Promise.all([
    base.clone().count<{ total: string }[]>({ total: '*' }),
    base
      .clone()
      .select<ClaimRow[]>('claims.*', 'claim_clients.name as client_name')
      // Newest first by number: the order numbers were given in (commit order).
      .orderBy([
        { column: 'claims.year', order: 'desc' },
        { column: 'claims.seq', order: 'desc' },
      ])
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
  ]);
  return { rows, total: Number(counted[0]?.total ?? 0) };
}
