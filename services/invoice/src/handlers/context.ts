import type { Messages, Task, User } from '@fieldgram/contracts';
import { DomainError, RemoteError, type ObjectStorage, type ServiceRuntime } from '@fieldgram/platform';
import type { Knex } from 'knex';
import type { InvoiceEnv } from '../config.js';
import type { DocumentLanguageSettings } from '../domain/document-language.js';
import type { OverdueReminders } from '../reminders/overdue-reminders.js';
import { findInvoice, type InvoiceRow } from '../store/invoices-store.js';

/** What every handler of invoice works with. */
export interface InvoiceContext {
  runtime: ServiceRuntime<Messages>;
  storage: ObjectStorage;
  reminders: OverdueReminders;
  env: InvoiceEnv;
}

/** Events about an invoice keep their order: one partition per invoice. */
export function invoicePartition(invoiceId: string): { partitionKey: string } {
  return { partitionKey: `invoice:${invoiceId}` };
}

export async function requireInvoice(
  db: Knex | Knex.Transaction,
  invoiceId: string,
  lock?: 'update',
): Promise<InvoiceRow> {
  const row = await findInvoice(db, invoiceId, lock);
  if (!row) throw new DomainError('not_found', `no invoice ${invoiceId}`, { invoiceId });
  return row;
}

/** The common fields of every invoice event. */
export function eventBasics(row: InvoiceRow) {
  return {
    invoiceId: row.id,
    number: row.number,
    taskId: row.task_id,
    total: Number(row.total),
    currency: row.currency,
  };
}

/** A task from task (which owns tasks): an unknown or deleted one is not found. */
export async function fetchTask({ runtime }: InvoiceContext, taskId: string): Promise<Task> {
  return runtime.rpc.request('task.get', { taskId }).catch((error: unknown) => {
    if (error instanceof RemoteError && (error.code === 'not_found' || error.code === 'validation'))
      throw new DomainError('not_found', `no task ${taskId}`, { field: 'taskId', taskId });
    throw error;
  });
}

/** A person from identity (which owns people); null for someone it does not know. */
export async function findPerson({ runtime }: InvoiceContext, userId: string): Promise<User | null> {
  return runtime.rpc.request('identity.get-user', { userId }).catch((error: unknown) => {
    if (error instanceof RemoteError && error.code === 'not_found') return null;
    throw error;
  });
}

export function documentSettings(env: InvoiceEnv): DocumentLanguageSettings {
  return { forced: env.DOCUMENT_LANGUAGE, orgDefault: env.ORG_LANGUAGE };
}
