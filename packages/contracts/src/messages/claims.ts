import { z } from 'zod';
import { command, event, query } from '../registry.js';
import { CurrencySchema } from './invoice.js';

export const ClaimStatusSchema = z.enum(['new', 'in_review', 'resolved', 'rejected']);
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

/** A photo or scan a client attached (kept by Telegram file_id, copied into object storage). */
export const ClaimFileSchema = z.object({
  kind: z.enum(['photo', 'document']),
  fileId: z.string().min(1),
  fileUniqueId: z.string().min(1),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  fileSize: z.number().int().nonnegative().optional(),
});
export type ClaimFile = z.infer<typeof ClaimFileSchema>;

export const ClaimHistoryEntrySchema = z.object({
  from: ClaimStatusSchema.nullable(),
  to: ClaimStatusSchema,
  comment: z.string().nullable(),
  byUserId: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});

/** Where a file's copy stands: being copied, in object storage, or reachable by its file_id only. */
export const ClaimFileCopySchema = z.enum(['pending', 'copied', 'not_copied']);
export type ClaimFileCopy = z.infer<typeof ClaimFileCopySchema>;

export const ClaimSchema = z.object({
  id: z.string(),
  /** CL-<year>-<6 digits>, no gaps. */
  number: z.string(),
  clientId: z.string(),
  /** The client's name as identity last told it (renames follow). */
  clientName: z.string(),
  /** The client's manager, who handles it (S1-01, S1-06); follows a reassignment. */
  managerId: z.string().nullable(),
  /** The waybill as the client named it. */
  waybillNumber: z.string(),
  /** Set when it is one of the client's own waybills; null = made outside the bot ("not found"). */
  waybillId: z.string().nullable(),
  email: z.email(),
  description: z.string(),
  /** Minor units (kopecks) of `currency`. */
  amount: z.number().int().nonnegative(),
  currency: CurrencySchema,
  files: z.array(
    ClaimFileSchema.extend({
      /** Where the copy is kept; null until copied (or when Telegram would not hand it over). */
      storageKey: z.string().nullable(),
      copy: ClaimFileCopySchema,
      /** Why it was not copied (`too_big`: over Telegram's 20 MB for bots); null otherwise. */
      copyFailure: z.string().nullable(),
    }),
  ),
  status: ClaimStatusSchema,
  /** The manager's last comment, told to the client. */
  comment: z.string().nullable(),
  history: z.array(ClaimHistoryEntrySchema),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimSummary = Omit<Claim, 'history' | 'files'> & { fileCount: number };

const ClaimEvent = {
  claimId: z.string(),
  number: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  managerId: z.string().nullable(),
  waybillNumber: z.string(),
  waybillFound: z.boolean(),
};

/** Claims about shipments (S1-03, S1-06), owned by services/claims. */
export const claimsMessages = {
  /**
   * A client files a claim (S1-03). The waybill must be one of theirs, or a number the service
   * does not know (then `waybillId` is null and the manager sees it flagged); another client's
   * waybill is refused (not_found). `requestId` (the wizard run) makes a repeat answer the same claim.
   */
  'claims.file': command(
    z.object({
      clientId: z.string(),
      requestId: z.string().min(1).max(100),
      waybillNumber: z.string().trim().min(1).max(40),
      email: z.email(),
      description: z.string().trim().min(1).max(4_000),
      amount: z.number().int().nonnegative().max(1_000_000_000_00),
      /** Absent: the organization's (CLAIMS_CURRENCY, default RUB). */
      currency: CurrencySchema.optional(),
      files: z.array(ClaimFileSchema).max(10),
    }),
    ClaimSchema,
  ),
  /**
   * `new → in_review → resolved | rejected` with the manager's comment (told to the client). The
   * actor must be the claim's manager or an admin (forbidden otherwise).
   */
  'claims.change-status': command(
    z.object({
      claimId: z.string(),
      status: ClaimStatusSchema.exclude(['new']),
      comment: z.string().trim().min(1).max(2_000),
    }),
    ClaimSchema,
  ),
  'claims.get': query(z.object({ claimId: z.string() }), ClaimSchema),
  /** Newest first, 10 a page in the bot; `q` matches the claim's or waybill's number or the client's name. */
  'claims.list': query(
    z.object({
      managerId: z.string().optional(),
      clientId: z.string().optional(),
      status: ClaimStatusSchema.optional(),
      q: z.string().trim().max(100).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    z.object({
      items: z.array(
        ClaimSchema.omit({ history: true, files: true }).extend({ fileCount: z.number().int() }),
      ),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  ),

  'claim.filed': event(
    z.object({
      ...ClaimEvent,
      email: z.string(),
      description: z.string(),
      amount: z.number().int(),
      currency: CurrencySchema,
      /** For the manager's push: the files as an album. */
      files: z.array(ClaimFileSchema.pick({ kind: true, fileId: true })),
    }),
  ),
  'claim.status-changed': event(
    z.object({
      ...ClaimEvent,
      from: ClaimStatusSchema,
      to: ClaimStatusSchema,
      comment: z.string(),
      byUserId: z.string().nullable(),
    }),
  ),
  /** Its client got another manager: the claim follows (S1-01). */
  'claim.reassigned': event(z.object({ ...ClaimEvent, previousManagerId: z.string().nullable() })),
  /** A file's copy is in object storage (or could not be fetched from Telegram: `storageKey` null). */
  'claim.file-stored': event(
    z.object({
      claimId: z.string(),
      fileUniqueId: z.string(),
      storageKey: z.string().nullable(),
      reason: z.string().optional(),
    }),
  ),
} as const;
