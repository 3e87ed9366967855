import type { Messages } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { AmountTooLargeError, computeTotals } from '../domain/money.js';
import type { AskPeersDeps } from '../usecases/ask-peers.js';
import { issueInvoice, type IssueInvoiceDeps } from '../usecases/issue-invoice.js';
import { requireCompletedTask } from '../usecases/require-completed-task.js';

/**
 * `invoice.create` (S0-11): an invoice for a completed task (or, for integrations, a client), with
 * exact totals and the next number of the year. It starts as a draft: it becomes "Pending" (S0-11)
 * when it is sent. Emits `invoice.created`.
 */
export function createInvoiceHandler(
  deps: IssueInvoiceDeps & AskPeersDeps,
): RequestHandler<Messages, 'invoice.create'> {
  return async (request) => {
    const { taskId, clientId, items, taxRate } = request.data;
    if (taskId === undefined && clientId === undefined)
      throw new DomainError('validation', 'taskId: an invoice needs a task (or a client)', {
        field: 'taskId',
      });
    const task = taskId === undefined ? null : await requireCompletedTask(deps, taskId);
    return issueInvoice(deps, request, { task, totals: totalsOf(items, taxRate ?? null) });
  };
}

/** Exact totals; one too large for the database is the caller's mistake. */
function totalsOf(items: Parameters<typeof computeTotals>[0], taxRate: number | null) {
  try {
    return computeTotals(items, taxRate);
  } catch (error) {
    if (error instanceof AmountTooLargeError)
      throw new DomainError('validation', 'items: the invoice total is too large', { field: 'items' });
    throw error;
  }
}
