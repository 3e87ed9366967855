import type { Messages, PaymentMethod } from '@fieldgram/contracts';
import { DomainError, type RequestHandler } from '@fieldgram/platform';
import { normalizeWaybillNumber } from '../domain/numbering.js';
import { findByNumber, listWaybillRows, toWaybill, type WaybillReadDeps } from '../store/waybills-store.js';
import { requireWaybill, visibleTo } from '../usecases/require-waybill.js';

/** `waybill.get`: one waybill; a client asking for another client's is told there is none. */
export function getWaybillHandler({ db }: WaybillReadDeps): RequestHandler<Messages, 'waybill.get'> {
  return async (request) =>
    toWaybill(await requireWaybill(db, request.data.waybillId, { actor: request.actor }));
}

/** `waybill.find`: by number as people type it (`wb-2026-000123`); null when there is none (or not theirs). */
export function findWaybillHandler({ db }: WaybillReadDeps): RequestHandler<Messages, 'waybill.find'> {
  return async (request) => {
    const row = await findByNumber(db, normalizeWaybillNumber(request.data.number));
    return { waybill: row && visibleTo(request.actor, row) ? toWaybill(row) : null };
  };
}

/**
 * `waybill.list`: newest first, paged; by client, by a manager's clients (`clientIds`), by a text
 * in the number, cargo or addresses, and by the days of creation (UTC, both ends included). A
 * client sees only their own, whatever they ask for.
 */
export function listWaybillsHandler({ db }: WaybillReadDeps): RequestHandler<Messages, 'waybill.list'> {
  return async (request) => {
    const { actor } = request;
    const filter = { ...request.data };
    if (filter.from && filter.to && filter.from > filter.to)
      throw new DomainError('validation', `from: ${filter.from} is after to (${filter.to})`, {
        field: 'from',
      });
    if (actor.kind === 'user' && actor.role === 'client') {
      if (filter.clientId !== undefined && filter.clientId !== actor.userId) filter.clientIds = [];
      filter.clientId = actor.userId;
    }
    const { page, pageSize } = filter;
    const { rows, total } = await listWaybillRows(db, filter);
    return { items: rows.map(toWaybill), total, page, pageSize };
  };
}

/** `waybill.payment-methods`: the organization's, in order, with their labels (WAYBILL_PAYMENT_METHODS). */
export function paymentMethodsHandler({
  paymentMethods,
}: {
  paymentMethods: readonly PaymentMethod[];
}): RequestHandler<Messages, 'waybill.payment-methods'> {
  return () => Promise.resolve({ methods: paymentMethods.map((method) => ({ ...method })) });
}
