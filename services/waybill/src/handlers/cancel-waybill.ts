import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { toWaybill } from '../store/waybills-store.js';
import { cancelWaybill, type CancelWaybillDeps } from '../usecases/cancel-waybill.js';

/** `waybill.cancel`: `created → cancelled`; a cancelled one is a conflict saying since when. Emits `waybill.cancelled`. */
export function cancelWaybillHandler(deps: CancelWaybillDeps): RequestHandler<Messages, 'waybill.cancel'> {
  return async (request) => toWaybill(await cancelWaybill(deps, request));
}
