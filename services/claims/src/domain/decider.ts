import type { Actor } from '@fieldgram/contracts';

/**
 * Who may review and decide a claim (S1-06): the manager it belongs to, or an admin. The bot and
 * the API pass the person acting as the request's actor; the system itself decides nothing.
 */
export function mayDecide(actor: Actor, claimManagerId: string | null): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && actor.userId === claimManagerId;
}

/** The person behind a request, for the history; null for the system. */
export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * Who may file a claim for `clientId` (S1-03): the bot files for the client who wrote to it (as
 * the system, or as that client); staff may file for anyone; a client never for another.
 */
export function mayFileFor(actor: Actor, clientId: string): boolean {
  if (actor.kind !== 'user') return true;
  return actor.role === 'client'
    ? actor.userId === clientId
    : actor.role === 'admin' || actor.role === 'manager';
}
