import { z } from 'zod';
import { LanguageSchema, WaybillSchema, type Waybill } from '@fieldgram/contracts';
import { RemoteError } from '@fieldgram/platform';
import type { Caller } from '../context.js';
import { HttpProblem, notFound } from '../problem.js';
import { defineRoute, json, pdf, type RouteContext } from '../route.js';
import { IdParams, STAFF, page, pageSize } from './common.js';

// Response schemas with an id become components of the OpenAPI document.
export const WaybillView = WaybillSchema.meta({ id: 'Waybill' });
const WaybillPageView = z
  .object({
    items: z.array(WaybillView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'WaybillPage' });

const day = z.iso.date({ error: 'expected a date, e.g. 2026-01-31' });
/** Rendering a PDF takes longer than a lookup. */
const PDF_TIMEOUT_MS = 30_000;
/** identity.list-users answers at most this many people a page. */
const CLIENTS_PAGE = 100;
/** What waybill.list takes in `clientIds`. */
const MAX_CLIENTS = 1_000;
const MANAGERS = 'a manager sees only the waybills of their own clients (S1-01); any other is a 404';

type AnyContext = RouteContext<unknown, unknown, unknown>;

/**
 * The ids of a manager's clients (S1-01), from identity, every page. Each is checked to be theirs
 * here too, so the answer is right even from an identity that does not filter by manager.
 */
async function clientsOf(context: AnyContext, managerId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let number = 1; ; number++) {
    const found = await context.call('identity.list-users', {
      role: 'client',
      managerId,
      page: number,
      pageSize: CLIENTS_PAGE,
    });
    ids.push(...found.items.filter((user) => user.managerId === managerId).map((user) => user.id));
    if (found.items.length < CLIENTS_PAGE || number * CLIENTS_PAGE >= found.total) break;
  }
  if (ids.length > MAX_CLIENTS)
    throw new HttpProblem(
      'internal',
      `This manager has ${ids.length} clients; their waybills can be listed for at most ${MAX_CLIENTS}.`,
    );
  return ids;
}

/** Whether `clientId` is one of the manager's clients now (identity decides). */
async function isClientOf(context: AnyContext, managerId: string, clientId: string): Promise<boolean> {
  const client = await context.call('identity.get-user', { userId: clientId }).catch((error: unknown) => {
    if (error instanceof RemoteError && error.code === 'not_found') return null;
    throw error;
  });
  return client?.role === 'client' && client.managerId === managerId;
}

/**
 * The waybill if the caller may see it: an admin any, a manager only their clients'. Someone
 * else's answers exactly as a missing one does (404), so ids tell nothing.
 */
async function visibleWaybill(context: AnyContext, caller: Caller, waybillId: string): Promise<Waybill> {
  const waybill = await context.call('waybill.get', { waybillId });
  if (caller.role === 'manager' && !(await isClientOf(context, caller.userId, waybill.clientId)))
    throw notFound(`no waybill ${waybillId}`);
  return waybill;
}

/**
 * Waybills (S1-02): clients make them in the bot; staff follow them here. The waybill service
 * owns numbers, the PDF and the workflow; managers are narrowed to their own clients (S1-01).
 */
export const waybillRoutes = [
  defineRoute({
    id: 'listWaybills',
    method: 'get',
    path: '/waybills',
    tag: 'waybills',
    summary: 'List waybills, newest first',
    description:
      '`q` searches the number, the cargo and the addresses; `from` and `to` are days of creation ' +
      '(UTC, both included).',
    access: { roles: STAFF, rule: MANAGERS },
    query: z.object({
      clientId: z.uuid().optional().meta({ description: "One client's waybills" }),
      q: z.string().trim().min(1).max(100).optional(),
      from: day.optional(),
      to: day.optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
    response: json(WaybillPageView, 'One page of waybills'),
    async handler(context) {
      const caller = context.caller();
      const { clientId, ...rest } = context.query;
      if (caller.role !== 'manager')
        return context.call('waybill.list', { ...rest, ...(clientId ? { clientId } : {}) });
      const own = await clientsOf(context, caller.userId);
      const clientIds = clientId ? own.filter((id) => id === clientId) : own;
      return context.call('waybill.list', { ...rest, clientIds });
    },
  }),
  defineRoute({
    id: 'getWaybill',
    method: 'get',
    path: '/waybills/:id',
    tag: 'waybills',
    summary: 'One waybill',
    access: { roles: STAFF, rule: MANAGERS },
    params: IdParams,
    response: json(WaybillView, 'The waybill'),
    handler: (context) => visibleWaybill(context, context.caller(), context.params.id),
  }),
  defineRoute({
    id: 'getWaybillPdf',
    method: 'get',
    path: '/waybills/:id/pdf',
    tag: 'waybills',
    summary: 'The waybill as a PDF (shown inline, named WB-<year>-<seq>.pdf)',
    description:
      "In the caller's language (the one chosen for them, else their Telegram app's, else the " +
      "organization's), or in `lang`; the organization's DOCUMENT_LANGUAGE, when set, wins over both.",
    access: { roles: STAFF, rule: MANAGERS },
    params: IdParams,
    query: z.object({ lang: LanguageSchema.optional().meta({ description: 'ru or en' }) }),
    response: pdf('The PDF document'),
    rpcTimeoutMs: PDF_TIMEOUT_MS,
    async handler(context) {
      const caller = context.caller();
      await visibleWaybill(context, caller, context.params.id);
      const { storageKey, fileName } = await context.call('waybill.pdf', {
        waybillId: context.params.id,
        readerId: caller.userId,
        ...(context.query.lang ? { language: context.query.lang } : {}),
      });
      const stored = await context.gateway.storage.get(storageKey);
      if (!stored) {
        // The waybill service wrote it where this gateway cannot read it: a deployment error.
        throw new Error(`the waybill PDF ${storageKey} is not in object storage (check OBJECT_STORAGE_DIR)`);
      }
      return { pdf: stored.bytes, filename: fileName, disposition: 'inline' as const };
    },
  }),
  defineRoute({
    id: 'cancelWaybill',
    method: 'post',
    path: '/waybills/:id/cancel',
    tag: 'waybills',
    summary: 'Cancel a waybill (created → cancelled)',
    description: 'Its PDF is then stamped cancelled. A waybill already cancelled is a 409 saying since when.',
    access: { roles: STAFF, rule: MANAGERS },
    params: IdParams,
    response: json(WaybillView, 'The waybill, cancelled'),
    errors: [409],
    async handler(context) {
      await visibleWaybill(context, context.caller(), context.params.id);
      return context.call('waybill.cancel', { waybillId: context.params.id });
    },
  }),
];
