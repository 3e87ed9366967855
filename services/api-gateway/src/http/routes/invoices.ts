import { z } from 'zod';
import {
  InvoiceItemSchema,
  InvoiceSchema,
  InvoiceStatusSchema,
  LanguageSchema,
  messages,
} from '@fieldgram/contracts';
import { defineRoute, json, noContent, pdf } from '../route.js';
import { ADMIN_ONLY, IdParams, page, pageSize } from './common.js';

// Response schemas with an id become components of the OpenAPI document.
export const InvoiceStatusView = InvoiceStatusSchema.meta({ id: 'InvoiceStatus' });
export const InvoiceItemView = InvoiceItemSchema.meta({ id: 'InvoiceItem' });
export const InvoiceView = InvoiceSchema.meta({ id: 'Invoice' });
const InvoicePageView = z
  .object({
    items: z.array(InvoiceView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'InvoicePage' });

/**
 * The contract's own schemas check the body (items, currency, tax rate, due date), so a negative
 * quantity or an unknown currency is a 400 naming `body.items.0.quantity` or `body.currency`.
 * Through the REST API an invoice always bills a task (S0-11).
 */
const CreateInvoiceBody = z.strictObject({
  ...messages['invoice.create'].data.omit({ taskId: true, clientId: true }).shape,
  taskId: z.uuid().meta({ description: 'A completed task' }),
});

const ACTION_ERRORS = [404, 409] as const;
/** Rendering a PDF, or sending one through the bot, takes longer than a lookup. */
const PDF_TIMEOUT_MS = 30_000;

/**
 * Invoices (S0-11): admins bill a completed task, send the PDF to its technician through the
 * bot, and follow it from pending to paid. The invoice service owns numbers, totals and the
 * workflow, and refuses what it does not allow (409, saying why).
 */
export const invoiceRoutes = [
  defineRoute({
    id: 'createInvoice',
    method: 'post',
    path: '/invoices',
    tag: 'invoices',
    summary: 'Bill a completed task: a draft invoice numbered INV-<year>-<seq>',
    description:
      'Amounts are integer minor units (kopecks, cents) of `currency`; `quantity` may have three ' +
      'decimals; `taxRate` is a percent. A task that is not completed is a 409.',
    access: { roles: ADMIN_ONLY, rule: 'the task must be completed (409 saying why)' },
    body: CreateInvoiceBody,
    response: json(InvoiceView, 'The new invoice (draft)', 201),
    errors: [409],
    handler: (context) => context.call('invoice.create', context.body),
  }),
  defineRoute({
    id: 'listInvoices',
    method: 'get',
    path: '/invoices',
    tag: 'invoices',
    summary: 'List invoices',
    access: { roles: ADMIN_ONLY },
    query: z.object({
      status: InvoiceStatusView.optional(),
      taskId: z.uuid().optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
    response: json(InvoicePageView, 'One page of invoices'),
    handler: (context) => context.call('invoice.list', context.query),
  }),
  defineRoute({
    id: 'getInvoice',
    method: 'get',
    path: '/invoices/:id',
    tag: 'invoices',
    summary: 'One invoice, with its line items and totals',
    access: { roles: ADMIN_ONLY },
    params: IdParams,
    response: json(InvoiceView, 'The invoice'),
    handler: (context) => context.call('invoice.get', { invoiceId: context.params.id }),
  }),
  defineRoute({
    id: 'getInvoicePdf',
    method: 'get',
    path: '/invoices/:id/pdf',
    tag: 'invoices',
    summary: 'The invoice as a PDF (shown inline, named INV-<year>-<seq>.pdf)',
    description:
      "In the caller's language (the one chosen for them, else their Telegram app's, else the " +
      "organization's), or in `lang`; the organization's DOCUMENT_LANGUAGE, when set, wins over both.",
    access: { roles: ADMIN_ONLY },
    params: IdParams,
    query: z.object({ lang: LanguageSchema.optional().meta({ description: 'ru or en' }) }),
    response: pdf('The PDF document'),
    rpcTimeoutMs: PDF_TIMEOUT_MS,
    async handler(context) {
      const { storageKey, fileName } = await context.call('invoice.pdf', {
        invoiceId: context.params.id,
        readerId: context.caller().userId,
        ...(context.query.lang ? { language: context.query.lang } : {}),
      });
      const stored = await context.gateway.storage.get(storageKey);
      if (!stored) {
        // The invoice service wrote it where this gateway cannot read it: a deployment error.
        throw new Error(`the invoice PDF ${storageKey} is not in object storage (check OBJECT_STORAGE_DIR)`);
      }
      return { pdf: stored.bytes, filename: fileName, disposition: 'inline' as const };
    },
  }),
  defineRoute({
    id: 'sendInvoice',
    method: 'post',
    path: '/invoices/:id/send',
    tag: 'invoices',
    summary: "Send the PDF through the bot to the task's technician; a draft becomes pending (S0-11)",
    access: { roles: ADMIN_ONLY, rule: 'the invoice service decides (409 saying why)' },
    params: IdParams,
    response: json(InvoiceView, 'The invoice, sent'),
    errors: ACTION_ERRORS,
    rpcTimeoutMs: PDF_TIMEOUT_MS,
    handler: (context) => context.call('invoice.send', { invoiceId: context.params.id }),
  }),
  defineRoute({
    id: 'changeInvoiceStatus',
    method: 'post',
    path: '/invoices/:id/status',
    tag: 'invoices',
    summary: 'Change the status: pending → paid, or cancelled',
    access: { roles: ADMIN_ONLY, rule: 'the invoice service decides (409 saying why)' },
    params: IdParams,
    body: z.strictObject({ status: InvoiceStatusView }),
    response: json(InvoiceView, 'The invoice in its new status'),
    errors: ACTION_ERRORS,
    handler(context) {
      return context.call('invoice.change-status', {
        invoiceId: context.params.id,
        status: context.body.status,
      });
    },
  }),
  defineRoute({
    id: 'deleteInvoice',
    method: 'delete',
    path: '/invoices/:id',
    tag: 'invoices',
    summary: 'Delete an invoice (soft: the journal and reports keep it)',
    access: { roles: ADMIN_ONLY },
    params: IdParams,
    response: noContent('Deleted'),
    errors: ACTION_ERRORS,
    async handler(context) {
      await context.call('invoice.delete', { invoiceId: context.params.id });
    },
  }),
];
