import type { InvoiceStatus } from '@fieldgram/contracts';

/** Draft at creation; pending once sent (S0-11's "Pending"); then paid, or cancelled before payment. */
const ALLOWED: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: [],
  pending: [],
  paid: ['pending'],
  cancelled: ['draft', 'pending'],
};

/** Why a change of status is refused, or null when it is allowed. */
export function statusChangeRefusal(number: string, from: InvoiceStatus, to: InvoiceStatus): string | null {
  if (from === to) return `invoice ${number} is already ${to}`;
  if (to === 'draft') return `invoice ${number} cannot go back to draft`;
  if (to === 'pending') return `invoice ${number} becomes pending by being sent (invoice.send), not directly`;
  if (ALLOWED[to].includes(from)) return null;
  const allowed = ALLOWED[to].join(' or ');
  return `invoice ${number} is ${from}: only a ${allowed} invoice can become ${to}`;
}

/** Why an invoice cannot be sent, or null: only a draft or a pending one (a resend) goes out. */
export function sendRefusal(number: string, status: InvoiceStatus): string | null {
  return status === 'draft' || status === 'pending'
    ? null
    : `invoice ${number} is ${status}: only a draft or pending invoice can be sent`;
}
