import { z } from 'zod';
import { ClaimSchema, ClaimStatusSchema, messages, type Claim } from '@fieldgram/contracts';
import type { Caller } from '../context.js';
import { notFound } from '../problem.js';
import { defineRoute, file, json, type FileDownload, type RouteContext } from '../route.js';
import { IdParams, STAFF, page, pageSize } from './common.js';

// Response schemas with an id become components of the OpenAPI document.
export const ClaimStatusView = ClaimStatusSchema.meta({ id: 'ClaimStatus' });
const ClaimFileView = ClaimSchema.shape.files.element
  .extend({
    url: z.string().meta({
      description: 'GET it for the stored copy (same bearer token); 404 while `copy` is not `copied`',
    }),
  })
  .meta({ id: 'ClaimFile' });
export const ClaimView = ClaimSchema.extend({ files: z.array(ClaimFileView) }).meta({ id: 'Claim' });
const ClaimSummaryView = messages['claims.list'].result.shape.items.element.meta({ id: 'ClaimSummary' });
const ClaimPageView = z
  .object({
    items: z.array(ClaimSummaryView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ClaimPage' });

const FileParams = IdParams.extend({
  fileUniqueId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "expected a file's fileUniqueId, as the claim lists it" }),
});

const MANAGERS = "a manager sees and decides only their own clients' claims (S1-06); any other is a 404";
/** Types a browser may show in place; anything else a client sent is only downloaded. */
const SHOWN_INLINE = /^(image\/(jpeg|png|gif|webp)|application\/pdf)$/;

type AnyContext = RouteContext<unknown, unknown, unknown>;

/**
 * The claim if the caller may see it: an admin any, a manager only the claims they handle. Another
 * manager's answers exactly as a missing one does (404), so ids tell nothing.
 */
async function visibleClaim(context: AnyContext, caller: Caller, claimId: string): Promise<Claim> {
  const claim = await context.call('claims.get', { claimId });
  if (caller.role === 'manager' && claim.managerId !== caller.userId) throw notFound(`no claim ${claimId}`);
  return claim;
}

/** The claim with a link to each file's stored copy. */
function withFileLinks(context: AnyContext, claim: Claim) {
  return {
    ...claim,
    files: claim.files.map((claimFile) => ({
      ...claimFile,
      url: context.gateway.url(
        `/api/v1/claims/${claim.id}/files/${encodeURIComponent(claimFile.fileUniqueId)}`,
      ),
    })),
  };
}

/** The stored copy of one file of the claim, or a 404 saying why there is none. */
async function storedFile(context: AnyContext, claim: Claim, fileUniqueId: string): Promise<FileDownload> {
  const position = claim.files.findIndex((claimFile) => claimFile.fileUniqueId === fileUniqueId);
  const claimFile = claim.files[position];
  if (!claimFile) throw notFound(`claim ${claim.number} has no file ${fileUniqueId}`);
  if (claimFile.storageKey === null)
    throw notFound(
      claimFile.copy === 'pending'
        ? `file ${fileUniqueId} of claim ${claim.number} is not copied yet: try again shortly`
        : `file ${fileUniqueId} of claim ${claim.number} is kept in Telegram only (${claimFile.copyFailure ?? 'not copied'})`,
    );
  const stored = await context.gateway.storage.get(claimFile.storageKey);
  // bot-gateway wrote it where this gateway cannot read it: a deployment error.
  if (!stored)
    throw new Error(
      `the claim file ${claimFile.storageKey} is not in object storage (check OBJECT_STORAGE_DIR)`,
    );
  const contentType = claimFile.mimeType ?? stored.contentType;
  return {
    bytes: stored.bytes,
    contentType,
    filename:
      claimFile.fileName ?? `${claim.number}-${position + 1}.${claimFile.kind === 'photo' ? 'jpg' : 'bin'}`,
    disposition: SHOWN_INLINE.test(contentType) ? 'inline' : 'attachment',
  };
}

/**
 * Claims (S1-03, S1-06): clients file them in the bot; their managers review and decide them here
 * or in the bot. The claims service owns numbers, files and the workflow; a manager is narrowed to
 * the claims they handle, an admin sees every one.
 */
export const claimRoutes = [
  defineRoute({
    id: 'listClaims',
    method: 'get',
    path: '/claims',
    tag: 'claims',
    summary: 'List claims, newest first',
    description:
      "`q` searches the claim's number, the waybill's number and the client's name. A manager's list " +
      'is always their own (`managerId` is theirs whatever is asked).',
    access: { roles: STAFF, rule: MANAGERS },
    query: z.object({
      managerId: z.uuid().optional().meta({ description: 'The claims a manager handles (admins)' }),
      clientId: z.uuid().optional().meta({ description: "One client's claims" }),
      status: ClaimStatusView.optional(),
      q: z.string().trim().min(1).max(100).optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
    response: json(ClaimPageView, 'One page of claims, without files and history'),
    handler(context) {
      const caller = context.caller();
      const { managerId, ...rest } = context.query;
      const own = caller.role === 'manager' ? caller.userId : managerId;
      return context.call('claims.list', { ...rest, ...(own ? { managerId: own } : {}) });
    },
  }),
  defineRoute({
    id: 'getClaim',
    method: 'get',
    path: '/claims/:id',
    tag: 'claims',
    summary: 'One claim: every field, its files (with links to their copies) and its history',
    description:
      'A waybill the waybill service does not know (made outside the bot) has `waybillId: null`. ' +
      'Each file is kept by its Telegram file_id; `copy` says whether its copy is stored (`copied`), ' +
      'on its way (`pending`) or impossible (`not_copied`, `copyFailure` says why: `too_big` is over ' +
      "Telegram's 20 MB for bots).",
    access: { roles: STAFF, rule: MANAGERS },
    params: IdParams,
    response: json(ClaimView, 'The claim'),
    async handler(context) {
      return withFileLinks(context, await visibleClaim(context, context.caller(), context.params.id));
    },
  }),
  defineRoute({
    id: 'getClaimFile',
    method: 'get',
    path: '/claims/:id/files/:fileUniqueId',
    tag: 'claims',
    summary: "A claim file's stored copy (photos and PDFs shown inline, anything else downloaded)",
    description: '404 while the copy is not stored yet, and for a file Telegram keeps (over 20 MB).',
    access: { roles: STAFF, rule: MANAGERS },
    params: FileParams,
    response: file('The file, as the client sent it'),
    async handler(context) {
      const claim = await visibleClaim(context, context.caller(), context.params.id);
      return storedFile(context, claim, context.params.fileUniqueId);
    },
  }),
  defineRoute({
    id: 'changeClaimStatus',
    method: 'post',
    path: '/claims/:id/status',
    tag: 'claims',
    summary: 'Take a claim into review, resolve it or reject it, with a comment the client is told',
    description:
      '`new → in_review → resolved | rejected`, or `new` decided at once. A decided claim does not ' +
      'change (409 saying why).',
    access: { roles: STAFF, rule: `${MANAGERS}; the claims service decides the step (409 saying why)` },
    params: IdParams,
    body: z.strictObject({
      status: ClaimStatusView.exclude(['new']).meta({ id: 'ClaimDecision' }),
      comment: z
        .string()
        .trim()
        .min(1)
        .max(2_000)
        .meta({ description: 'Kept in the history, told to the client' }),
    }),
    response: json(ClaimView, 'The claim in its new status'),
    errors: [404, 409],
    async handler(context) {
      const caller = context.caller();
      await visibleClaim(context, caller, context.params.id);
      const claim = await context.call('claims.change-status', {
        claimId: context.params.id,
        ...context.body,
      });
      return withFileLinks(context, claim);
    },
  }),
];
