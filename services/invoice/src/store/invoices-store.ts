import type { Knex } from 'knex';
import { nextYearlyNumber } from '@fieldgram/platform';
import {
  newMessageId,
  type Invoice,
  type InvoiceStatus,
  type CURRENCY_MINOR_DIGITS,
} from '@fieldgram/contracts';

type Db = Knex | Knex.Transaction;

/** What a reader of invoices needs: the service's database (its own schema). */
export interface InvoiceReadDeps {
  db: Knex;
}
type Currency = keyof typeof CURRENCY_MINOR_DIGITS;

/** A row of `invoices` as Postgres returns it (bigint and numeric come back as strings). */
export interface InvoiceRow {
  id: string;
  number: string;
  year: number;
  task_id: string | null;
  task_number: number | null;
  client_id: string | null;
  subject: string;
  currency: Currency;
  tax_rate: string | null;
  subtotal: string;
  tax: string;
  total: string;
  status: InvoiceStatus;
  due_date: string | null;
  issued_at: Date;
  sent_at: Date | null;
  paid_at: Date | null;
  send_count: number;
  recipient_id: string | null;
  content_version: number;
  overdue_notified_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ItemRow {
  invoice_id: string;
  position: number;
  description: string;
  quantity: string;
  unit_price: string;
  amount: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every column, the due date as YYYY-MM-DD whatever the session's time zone (the later column wins). */
function columns(db: Db) {
  return ['*', db.raw("to_char(due_date, 'YYYY-MM-DD') as due_date")];
}

export function toInvoice(row: InvoiceRow, items: ItemRow[]): Invoice {
  return {
    id: row.id,
    number: row.number,
    taskId: row.task_id,
    clientId: row.client_id,
    subject: row.subject,
    items: items.map((item) => ({
      description: item.description,
      quantity: Number(item.quantity),
      unitPrice: Number(item.unit_price),
      amount: Number(item.amount),
    })),
    currency: row.currency,
    taxRate: row.tax_rate === null ? null : Number(row.tax_rate),
    subtotal: Number(row.subtotal),
    tax: Number(row.tax),
    total: Number(row.total),
    status: row.status,
    dueDate: row.due_date,
    issuedAt: row.issued_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    paidAt: row.paid_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** An invoice that is not deleted; undefined for an unknown id or a deleted invoice. */
export async function findInvoice(db: Db, id: string, lock?: 'update'): Promise<InvoiceRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const query = db
    .table('invoices')
    .select(columns(db))
    .where({ id })
    .whereNull('deleted_at')
    .first<InvoiceRow | undefined>();
  if (lock === 'update') void query.forUpdate();
  return query;
}

export async function itemsOf(db: Db, invoiceId: string): Promise<ItemRow[]> {
  return db
    .table('invoice_items')
    .where({ invoice_id: invoiceId })
    .orderBy('position')
    .select<ItemRow[]>('*');
}

export async function loadInvoice(db: Db, row: InvoiceRow): Promise<Invoice> {
  return toInvoice(row, await itemsOf(db, row.id));
}

/** The next invoice number of `year`, in the caller's transaction (no gaps, no duplicates). */
export function nextSequence(trx: Knex.Transaction, year: number): Promise<number> {
  return nextYearlyNumber(trx, 'invoice_counters', year);
}

export interface NewInvoice {
  number: string;
  year: number;
  issuedAt: Date;
  taskId: string | null;
  taskNumber: number | null;
  clientId: string | null;
  subject: string;
  currency: Currency;
  taxRate: number | null;
  subtotal: number;
  tax: number;
  total: number;
  status: InvoiceStatus;
  dueDate: string | null;
  items: { description: string; quantity: number; unitPrice: number; amount: number }[];
}

export async function insertInvoice(trx: Knex.Transaction, invoice: NewInvoice): Promise<InvoiceRow> {
  const id = newMessageId();
  await trx.table('invoices').insert({
    id,
    number: invoice.number,
    year: invoice.year,
    task_id: invoice.taskId,
    task_number: invoice.taskNumber,
    client_id: invoice.clientId,
    subject: invoice.subject,
    currency: invoice.currency,
    tax_rate: invoice.taxRate,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    status: invoice.status,
    due_date: invoice.dueDate,
    issued_at: invoice.issuedAt,
    created_at: invoice.issuedAt,
    updated_at: invoice.issuedAt,
  });
  await trx.table('invoice_items').insert(
    invoice.items.map((item, position) => ({
      invoice_id: id,
      position,
      description: item.description,
      quantity: item.quantity,
      unit_price: item.unitPrice,
      amount: item.amount,
    })),
  );
  return (await findInvoice(trx, id))!;
}

/** The columns a change may touch, with updated_at bumped. */
export type InvoiceColumns = Partial<
  Pick<
    InvoiceRow,
    'status' | 'sent_at' | 'paid_at' | 'send_count' | 'recipient_id' | 'deleted_at' | 'content_version'
  >
>;

export async function updateInvoice(
  trx: Knex.Transaction,
  id: string,
  changes: InvoiceColumns,
): Promise<InvoiceRow> {
  await trx
    .table('invoices')
    .where({ id })
    .update({ ...changes, updated_at: trx.fn.now() });
  const row = await trx.table('invoices').select(columns(trx)).where({ id }).first<InvoiceRow | undefined>();
  return row!;
}

/** Not a change of the invoice: updated_at stays. */
export async function markOverdueNotified(trx: Knex.Transaction, id: string): Promise<void> {
  await trx.table('invoices').where({ id }).update({ overdue_notified_at: trx.fn.now() });
}

export interface ListFilter {
  status?: InvoiceStatus | undefined;
  taskId?: string | undefined;
  page: number;
  pageSize: number;
}

/** Newest first; deleted invoices are left out. */
export async function listInvoiceRows(
  db: Knex,
  filter: ListFilter,
): Promise<{ rows: InvoiceRow[]; items: Map<string, ItemRow[]>; total: number }> {
  const base = db.table('invoices').whereNull('deleted_at');
  if (filter.status) void base.where({ status: filter.status });
  if (filter.taskId) void base.where({ task_id: filter.taskId });
  const counted = await base.clone().count<{ count: string }[]>({ count: '*' });
  const rows = await base
    .clone()
    .select(columns(db))
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'number', order: 'desc' },
    ])
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const items = new Map<string, ItemRow[]>(rows.map((row: InvoiceRow) => [row.id, []]));
  if (rows.length > 0) {
    const all = await db
      .table('invoice_items')
      .whereIn('invoice_id', [...items.keys()])
      .orderBy(['invoice_id', 'position'])
      .select<ItemRow[]>('*');
    for (const item of all) items.get(item.invoice_id)?.push(item);
  }
  return { rows: rows as InvoiceRow[], items, total: Number(counted[0]?.count ?? 0) };
}
