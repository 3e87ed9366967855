import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import { DomainError, type UnitOfWork } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { eventBasics, waybillPartition } from '../events/waybill-event-fields.js';
import { markCancelled, type WaybillRow } from '../store/waybills-store.js';
import type { AskPeersDeps } from './ask-peers.js';
import { lookupPerson } from './lookup-person.js';
import { requireWaybill } from './require-waybill.js';

export interface CancelWaybillDeps extends AskPeersDeps {
  uow: UnitOfWork<Messages>;
  db: Knex;
}

/** Why a waybill cannot be cancelled now, or null: only a created one can (`created → cancelled`). */
export function cancelRefusal(row: Pick<WaybillRow, 'number' | 'status' | 'cancelled_at'>): string | null {
  if (row.status === 'cancelled')
    return `waybill ${row.number} is already cancelled (${row.cancelled_at?.toISOString() ?? 'earlier'})`;
  return null;
}

/**
 * `created → cancelled`, with `waybill.cancelled` naming the client's manager now (asked from
 * identity; the one at creation if identity no longer knows the client). Re-checked under the
 * row's lock, so two cancels at once make one.
 */
export async function cancelWaybill(
  deps: CancelWaybillDeps,
  request: Envelope<'waybill.cancel', DataOf<Messages, 'waybill.cancel'>>,
): Promise<WaybillRow> {
  const { waybillId } = request.data;
  const current = await requireWaybill(deps.db, waybillId, { actor: request.actor });
  const refusal = cancelRefusal(current);
  if (refusal) throw new DomainError('conflict', refusal, { status: current.status });
  const client = await lookupPerson(deps, current.client_id);
  const managerId = client ? client.managerId : current.manager_id;
  return deps.uow.run(async ({ trx, emit }) => {
    const locked = await requireWaybill(trx, waybillId, { lock: 'update' });
    const again = cancelRefusal(locked);
    if (again) throw new DomainError('conflict', again, { status: locked.status });
    const cancelled = await markCancelled(trx, waybillId);
    await emit('waybill.cancelled', eventBasics(cancelled, managerId), waybillPartition(waybillId));
    return cancelled;
  }, request);
}
