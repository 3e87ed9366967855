import { z } from 'zod';
import { command, event, query } from '../registry.js';
import { LanguageSchema } from '../language.js';

/** Currencies invoices may be issued in (ISO 4217), with their minor-unit digits. */
export const CURRENCY_MINOR_DIGITS = {
  RUB: 2,
  USD: 2,
  EUR: 2,
  KZT: 2,
  BYN: 2,
  UZS: 2,
  GBP: 2,
  JPY: 0,
} as const;
export const CurrencySchema = z.enum(
  Object.keys(CURRENCY_MINOR_DIGITS) as [keyof typeof CURRENCY_MINOR_DIGITS],
);

export const InvoiceStatusSchema = z.enum(['draft', 'pending', 'paid', 'cancelled']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/** Money is integer minor units (kopecks, cents) plus the invoice's currency (DESIGN §4). */
export const InvoiceItemInputSchema = z.object({
  description: z.string().trim().min(1).max(500),
  /** Up to three decimals (2.5 hours, 1.125 m³); must be positive. */
  quantity: z.number().positive().max(1_000_000).multipleOf(0.001),
  /** Price of one unit in minor units. */
  unitPrice: z.number().int().nonnegative().max(1_000_000_000_00),
});
export const InvoiceItemSchema = InvoiceItemInputSchema.extend({ amount: z.number().int() });

export const InvoiceSchema = z.object({
  id: z.string(),
  /** INV-<year>-<seq>, assigned at creation: no gaps, no duplicates, even under concurrency. */
  number: z.string(),
  taskId: z.string().nullable(),
  clientId: z.string().nullable(),
  /** What the invoice is for, shown on the PDF (the task's title, or a free text). */
  subject: z.string(),
  items: z.array(InvoiceItemSchema),
  currency: CurrencySchema,
  /** Percent, e.g. 20 or 12.5; null = no tax line. */
  taxRate: z.number().nullable(),
  subtotal: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  status: InvoiceStatusSchema,
  dueDate: z.iso.date().nullable(),
  issuedAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
  paidAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Invoice = z.infer<typeof InvoiceSchema>;

const InvoiceEvent = {
  invoiceId: z.string(),
  number: z.string(),
  taskId: z.string().nullable(),
  total: z.number().int(),
  currency: CurrencySchema,
};

export const invoiceMessages = {
  /** An invoice for a completed task (S0-11) or, for integrations, a client; refused (conflict) otherwise. */
  'invoice.create': command(
    z.object({
      taskId: z.string().optional(),
      clientId: z.string().optional(),
      items: z.array(InvoiceItemInputSchema).min(1).max(200),
      currency: CurrencySchema,
      taxRate: z.number().min(0).max(100).multipleOf(0.01).optional(),
      dueDate: z.iso.date().optional(),
    }),
    InvoiceSchema,
  ),
  'invoice.get': query(z.object({ invoiceId: z.string() }), InvoiceSchema),
  'invoice.list': query(
    z.object({
      status: InvoiceStatusSchema.optional(),
      taskId: z.string().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    z.object({
      items: z.array(InvoiceSchema),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  ),
  /**
   * The invoice's PDF in object storage (rendered once per content and language). Its language:
   * the organization's DOCUMENT_LANGUAGE if set, else `language`, else `readerId`'s own, else the
   * organization's default.
   */
  'invoice.pdf': query(
    z.object({
      invoiceId: z.string(),
      language: LanguageSchema.optional(),
      /** The person who will read it (the API's caller). */
      readerId: z.string().optional(),
    }),
    z.object({ storageKey: z.string(), fileName: z.string(), contentType: z.literal('application/pdf') }),
  ),
  /** Sends the PDF through the bot to the task's technician (S0-11); a draft becomes pending. */
  'invoice.send': command(z.object({ invoiceId: z.string() }), InvoiceSchema),
  'invoice.change-status': command(
    z.object({ invoiceId: z.string(), status: InvoiceStatusSchema }),
    InvoiceSchema,
  ),
  /** Soft delete. */
  'invoice.delete': command(z.object({ invoiceId: z.string() }), z.object({ deleted: z.literal(true) })),

  'invoice.created': event(z.object(InvoiceEvent)),
  'invoice.sent': event(z.object({ ...InvoiceEvent, recipientId: z.string() })),
  'invoice.status-changed': event(
    z.object({ ...InvoiceEvent, from: InvoiceStatusSchema, to: InvoiceStatusSchema }),
  ),
  'invoice.deleted': event(z.object(InvoiceEvent)),
  /** Unpaid past its due date: remind the admins (BullMQ). */
  'invoice.overdue-detected': event(z.object({ ...InvoiceEvent, dueDate: z.string() })),
} as const;
