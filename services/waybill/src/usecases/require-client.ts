import type { User } from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import type { AskPeersDeps } from './ask-peers.js';
import { lookupPerson } from './lookup-person.js';

/**
 * The person a waybill is for must be an active client (S1-01); anyone else is refused on
 * `clientId`, saying why. Identity being down propagates (the caller retries later).
 */
export async function requireClient(deps: AskPeersDeps, clientId: string): Promise<User> {
  const person = await lookupPerson(deps, clientId);
  const field = { field: 'clientId' };
  if (!person) throw new DomainError('validation', `clientId: nobody with id ${clientId} is known`, field);
  if (person.role !== 'client')
    throw new DomainError(
      'validation',
      `clientId: ${person.name} is a ${person.role}, not a client: a waybill is made for a client`,
      field,
    );
  if (!person.active)
    throw new DomainError(
      'validation',
      `clientId: ${person.name} is deactivated: a blocked client cannot make waybills`,
      field,
    );
  return person;
}
