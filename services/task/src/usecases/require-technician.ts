import { DomainError } from '@fieldgram/platform';
import { lookupPerson, type LookupPersonDeps } from './lookup-person.js';

/** The technician to assign must be a registered, active technician (S0-06). */
export async function requireTechnician(deps: LookupPersonDeps, userId: string): Promise<void> {
  const user = await lookupPerson(deps, userId);
  if (!user || user.role !== 'technician' || !user.active)
    throw new DomainError('validation', `${userId} is not an active technician`, { field: 'technicianId' });
}
