import { MessageValidationError } from '../errors/bus-errors.js';
import { DomainError, PermanentError } from '../errors/domain-errors.js';

/** Failures no retry can fix go straight to the dead queue. */
export function isPermanentFailure(error: unknown): boolean {
  return (
    error instanceof PermanentError || error instanceof MessageValidationError || error instanceof DomainError
  );
}
