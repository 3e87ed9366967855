import type { Actor } from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { findWaybill, type WaybillRow } from '../store/waybills-store.js';

/**
 * Whether `actor` may see the waybill: a client only their own (DESIGN §6, a forged button gets
 * nothing); staff and the services decide for themselves (api-gateway narrows managers).
 */
export function visibleTo(actor: Actor, row: Pick<WaybillRow, 'client_id'>): boolean {
  return !(actor.kind === 'user' && actor.role === 'client' && actor.userId !== row.client_id);
}

/** A waybill that exists and the actor may see; anything else is the same `not_found`. */
export async function requireWaybill(
  db: Knex | Knex.Transaction,
  waybillId: string,
  options: { actor?: Actor; lock?: 'update' } = {},
): Promise<WaybillRow> {
  const row = await findWaybill(db, waybillId, options.lock);
  if (!row || (options.actor && !visibleTo(options.actor, row)))
    throw new DomainError('not_found', `no waybill ${waybillId}`, { waybillId });
  return row;
}
