import type { Messages } from '@fieldgram/contracts';
import { DomainError, type QueryHandler } from '@fieldgram/platform';
import { documentLanguage } from '../domain/document-language.js';
import { formatMoney } from '../domain/money.js';
import { sendRefusal } from '../domain/status.js';
import { invoiceWord } from '../pdf/invoice-document.js';
import { loadInvoice, updateInvoice } from '../store/invoices-store.js';
import {
  documentSettings,
  eventBasics,
  fetchTask,
  findPerson,
  invoicePartition,
  requireInvoice,
  type InvoiceContext,
} from './context.js';
import { ensurePdf } from './invoice-pdf.js';

/**
 * `invoice.send` (S0-11): the PDF goes to the task's technician through the bot (a `tg.out`
 * sendDocument, through the outbox), it and its caption in the technician's language unless the
 * organization forces one; a draft becomes pending, a pending invoice may be sent again.
 * Emits `invoice.sent`; with a due date, schedules the overdue reminder.
 */
export function sendInvoiceHandler(context: InvoiceContext): QueryHandler<Messages, 'invoice.send'> {
  const { runtime, env } = context;
  return async (request) => {
    const { invoiceId } = request.data;
    const current = await requireInvoice(runtime.db.knex, invoiceId);
    const refusal = sendRefusal(current.number, current.status);
    if (refusal) throw new DomainError('conflict', refusal, { status: current.status });
    if (current.task_id === null)
      throw new DomainError(
        'conflict',
        `invoice ${current.number} has no task: there is no technician to send it to`,
      );
    const task = await fetchTask(context, current.task_id);
    if (task.assigneeId === null)
      throw new DomainError('conflict', `task #${task.number} has no technician to send the invoice to`);
    const recipientId = task.assigneeId;
    const technician = await findPerson(context, recipientId);
    if (technician === null)
      throw new DomainError('conflict', `the technician ${recipientId} no longer exists`);
    if (technician.telegramId === null)
      throw new DomainError('conflict', 'the technician has not connected Telegram', { recipientId });
    const chatId = technician.telegramId;
    const language = documentLanguage(documentSettings(env), { person: technician });
    const pdf = await ensurePdf(context, current, language);

    const sent = await runtime.uow.run(async ({ trx, emit }) => {
      const before = await requireInvoice(trx, invoiceId, 'update');
      const stillRefused = sendRefusal(before.number, before.status);
      if (stillRefused) throw new DomainError('conflict', stillRefused, { status: before.status });
      const sendCount = before.send_count + 1;
      const after = await updateInvoice(trx, invoiceId, {
        status: 'pending',
        sent_at: new Date(),
        send_count: sendCount,
        recipient_id: recipientId,
      });
      const total = formatMoney(Number(after.total), after.currency, language);
      await emit('tg.out', {
        idempotencyKey: `invoice:${invoiceId}:send:${sendCount}`,
        chatId,
        method: 'sendDocument',
        params: {
          document: { storageKey: pdf.storageKey, fileName: pdf.fileName },
          caption: `${invoiceWord(language)} ${after.number}: ${total}`,
        },
        messageKey: `invoice:${invoiceId}:send:${sendCount}`,
      });
      await emit('invoice.sent', { ...eventBasics(after), recipientId }, invoicePartition(invoiceId));
      return after;
    }, request);
    if (sent.due_date !== null) await context.reminders.schedule(invoiceId, sent.due_date);
    return loadInvoice(runtime.db.knex, sent);
  };
}
