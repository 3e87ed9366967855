import { z } from 'zod';
import { ActorSchema } from '../envelope.js';
import { query } from '../registry.js';

/** One line of the journal: every domain event, as it happened (S0-12). */
export const JournalEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  actor: ActorSchema,
  /** What it is about: `user:<id>`, `task:<id>`… */
  subject: z.string().nullable(),
  data: z.unknown(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string(),
  correlationId: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const auditMessages = {
  'audit.query': query(
    z.object({
      type: z.string().max(100).optional(),
      subject: z.string().max(200).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    z.object({
      items: z.array(JournalEntrySchema),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  ),
} as const;
