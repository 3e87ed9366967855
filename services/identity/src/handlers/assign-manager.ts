import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler, UnitOfWork } from '@fieldgram/platform';
import { assignManager } from '../usecases/manager-assignment/assign-manager.js';

/** `identity.assign-manager` (S1-01): staff give a client another manager. */
export function assignManagerHandler({
  uow,
}: {
  uow: UnitOfWork<Messages>;
}): RequestHandler<Messages, 'identity.assign-manager'> {
  return (request) => uow.run((tx) => assignManager(tx, request.data), request);
}
