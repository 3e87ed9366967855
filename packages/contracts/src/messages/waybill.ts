import { z } from 'zod';
import { command, event, query } from '../registry.js';
import { LanguageSchema } from '../language.js';

export const WaybillStatusSchema = z.enum(['created', 'cancelled']);
export type WaybillStatus = z.infer<typeof WaybillStatusSchema>;

/** A payment method's code (`sender_cash`); the list is the organization's (`waybill.payment-methods`). */
export const PaymentMethodCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** What a client enters for a waybill (S1-02); the service checks the ranges again. */
export const WaybillInputSchema = z.object({
  cargo: z.string().trim().min(1).max(500),
  /** Kilograms, up to grams (12.5, 0.25). */
  weightKg: z.number().positive().max(100_000).multipleOf(0.001),
  /** Centimetres, up to millimetres. */
  lengthCm: z.number().positive().max(10_000).multipleOf(0.1),
  widthCm: z.number().positive().max(10_000).multipleOf(0.1),
  heightCm: z.number().positive().max(10_000).multipleOf(0.1),
  pickupAddress: z.string().trim().min(5).max(500),
  deliveryAddress: z.string().trim().min(5).max(500),
  paymentMethod: PaymentMethodCodeSchema,
});
export type WaybillInput = z.infer<typeof WaybillInputSchema>;

export const WaybillSchema = WaybillInputSchema.extend({
  id: z.string(),
  /** WB-<year>-<6 digits>, assigned at creation: no gaps, no duplicates, even under concurrency. */
  number: z.string(),
  clientId: z.string(),
  status: WaybillStatusSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  cancelledAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Waybill = z.infer<typeof WaybillSchema>;

export const PaymentMethodSchema = z.object({
  code: PaymentMethodCodeSchema,
  label: z.object({ ru: z.string(), en: z.string() }),
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

const WaybillEvent = {
  waybillId: z.string(),
  number: z.string(),
  clientId: z.string(),
  /** The client's manager when it happened (S1-01), for the manager's push. */
  managerId: z.string().nullable(),
};

const PagedWaybills = z.object({
  items: z.array(WaybillSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** The logistics bot's waybills (S1-02), owned by services/waybill. */
export const waybillMessages = {
  /**
   * A client's waybill; its PDF goes to the client through the bot within seconds. `requestId`
   * (the wizard run) makes a repeated confirm answer the same waybill instead of a second one.
   */
  'waybill.create': command(
    WaybillInputSchema.extend({ clientId: z.string(), requestId: z.string().min(1).max(100) }),
    WaybillSchema,
  ),
  'waybill.cancel': command(z.object({ waybillId: z.string() }), WaybillSchema),
  'waybill.get': query(z.object({ waybillId: z.string() }), WaybillSchema),
  /** A waybill by its number (`WB-2026-000123`, case-insensitive); null if there is none. */
  'waybill.find': query(
    z.object({ number: z.string().trim().min(1).max(40) }),
    z.object({ waybill: WaybillSchema.nullable() }),
  ),
  /** Newest first; `clientIds` narrows to a manager's clients; `q` matches the number, cargo or addresses. */
  'waybill.list': query(
    z.object({
      clientId: z.string().optional(),
      clientIds: z.array(z.string()).max(1_000).optional(),
      q: z.string().trim().max(100).optional(),
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    PagedWaybills,
  ),
  /** The waybill's PDF in object storage, in `language`, else the reader's, else the organization's. */
  'waybill.pdf': query(
    z.object({ waybillId: z.string(), language: LanguageSchema.optional(), readerId: z.string().optional() }),
    z.object({ storageKey: z.string(), fileName: z.string(), contentType: z.literal('application/pdf') }),
  ),
  /** The organization's payment methods, in order, with their labels (configurable). */
  'waybill.payment-methods': query(z.object({}), z.object({ methods: z.array(PaymentMethodSchema) })),

  'waybill.created': event(
    z.object({
      ...WaybillEvent,
      cargo: z.string(),
      weightKg: z.number(),
      pickupAddress: z.string(),
      deliveryAddress: z.string(),
    }),
  ),
  /**
   * The PDF was handed to the bot for the client's chat (a `tg.out` through the outbox, which
   * bot-gateway carries out once), or could not be: the client has no Telegram or is blocked.
   */
  'waybill.pdf-sent': event(z.object({ ...WaybillEvent, delivered: z.boolean() })),
  'waybill.cancelled': event(z.object(WaybillEvent)),
} as const;
