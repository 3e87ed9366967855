import { EVERY_ADMIN } from './audiences.js';
import { rule, type NotificationRule } from './rule.js';

/** What every invoice rule shares: always, to every active admin, with sound, about the invoice. */
const toAdmins = {
  ...EVERY_ADMIN,
  when: {},
  subject: 'invoice:{invoiceId}',
  sound: true,
  actions: [{ label: 'notify.action.openInvoice', href: '/api/v1/invoices/{invoiceId}' }],
} as const;

/** S0-11, S0-13, S2-04: every step of an invoice → every active admin, with sound. */
export const INVOICE_RULES: readonly NotificationRule[] = [
  rule({ id: 'invoice-created', event: 'invoice.created', text: 'notify.invoice.created', ...toAdmins }),
  rule({ id: 'invoice-sent', event: 'invoice.sent', text: 'notify.invoice.sent', ...toAdmins }),
  rule({
    id: 'invoice-status-changed',
    event: 'invoice.status-changed',
    text: 'notify.invoice.statusChanged',
    ...toAdmins,
  }),
  rule({ id: 'invoice-deleted', event: 'invoice.deleted', text: 'notify.invoice.deleted', ...toAdmins }),
  rule({
    id: 'invoice-overdue',
    event: 'invoice.overdue-detected',
    text: 'notify.invoice.overdue',
    ...toAdmins,
  }),
];
