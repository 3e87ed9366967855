import type { User } from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import type { InvoiceRow } from '../store/invoices-store.js';
import type { AskPeersDeps } from './ask-peers.js';
import { fetchTask } from './fetch-task.js';
import { lookupPerson } from './lookup-person.js';

/** Whom an invoice is sent to: its task's technician, with the Telegram chat it goes to. */
export interface Recipient {
  person: User;
  chatId: number;
}

/**
 * The technician of the invoice's task, asked from task and identity; a conflict, saying why,
 * when there is nobody to send it to through the bot.
 */
export async function findRecipient(deps: AskPeersDeps, invoice: InvoiceRow): Promise<Recipient> {
  if (invoice.task_id === null)
    throw new DomainError(
      'conflict',
      `invoice ${invoice.number} has no task: there is no technician to send it to`,
    );
  const task = await fetchTask(deps, invoice.task_id);
  if (task.assigneeId === null)
    throw new DomainError('conflict', `task #${task.number} has no technician to send the invoice to`);
  const recipientId = task.assigneeId;
  const person = await lookupPerson(deps, recipientId);
  if (person === null) throw new DomainError('conflict', `the technician ${recipientId} no longer exists`);
  if (person.telegramId === null)
    throw new DomainError('conflict', 'the technician has not connected Telegram', { recipientId });
  return { person, chatId: person.telegramId };
}
