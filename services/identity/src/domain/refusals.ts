import { DomainError } from '@fieldgram/platform';

/** A refused input, naming its field (the API shows it beside that field). */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('validation', message, { field });
}
