import type { DataOf, Envelope, Messages, User, WaybillInput } from '@fieldgram/contracts';
import { DomainError, type UnitOfWork } from '@fieldgram/platform';
import { waybillNumber } from '../domain/numbering.js';
import { eventBasics, waybillPartition } from '../events/waybill-event-fields.js';
import {
  findByRequest,
  insertWaybill,
  lockRequest,
  nextSequence,
  toWaybill,
  type WaybillRow,
} from '../store/waybills-store.js';

export interface RecordWaybillDeps {
  uow: UnitOfWork<Messages>;
}

const COMPARED = [
  'cargo',
  'weightKg',
  'lengthCm',
  'widthCm',
  'heightCm',
  'pickupAddress',
  'deliveryAddress',
  'paymentMethod',
] as const satisfies readonly (keyof WaybillInput)[];

/**
 * The waybill a request already made, when it is asked again: the same answer for the same
 * input; other input under a used requestId is a conflict (a new waybill needs a new request).
 */
export function sameRequestAnswer(row: WaybillRow, input: WaybillInput, requestId: string): WaybillRow {
  const made = toWaybill(row);
  const differs = COMPARED.filter((field) => made[field] !== input[field]);
  if (differs.length > 0)
    throw new DomainError(
      'conflict',
      `request ${requestId} already made waybill ${row.number} with other ${differs.join(', ')}: a new waybill needs a new requestId`,
      { number: row.number, fields: differs },
    );
  return row;
}

/**
 * In one transaction: the waybill with the next number of the year and `waybill.created` (its PDF
 * goes out from that event, see deliver-pdf). Creates of one request serialize on an advisory
 * lock, so a confirm sent twice at once makes one waybill; the number is taken last, so the
 * counter row stays locked as briefly as possible and a rollback gives it back.
 */
export async function recordWaybill(
  { uow }: RecordWaybillDeps,
  request: Envelope<'waybill.create', DataOf<Messages, 'waybill.create'>>,
  client: Pick<User, 'id' | 'managerId'>,
): Promise<WaybillRow> {
  const { clientId, requestId, ...input } = request.data;
  return uow.run(async ({ trx, emit }) => {
    await lockRequest(trx, clientId, requestId);
    const existing = await findByRequest(trx, clientId, requestId);
    if (existing) return sameRequestAnswer(existing, input, requestId);
    const createdAt = new Date();
    const year = createdAt.getUTCFullYear();
    const seq = await nextSequence(trx, year);
    const row = await insertWaybill(trx, {
      ...input,
      number: waybillNumber(year, seq),
      year,
      seq,
      clientId,
      requestId,
      managerId: client.managerId,
      createdAt,
    });
    await emit(
      'waybill.created',
      {
        ...eventBasics(row, client.managerId),
        cargo: row.cargo,
        weightKg: Number(row.weight_kg),
        pickupAddress: row.pickup_address,
        deliveryAddress: row.delivery_address,
      },
      waybillPartition(row.id),
    );
    return row;
  }, request);
}
