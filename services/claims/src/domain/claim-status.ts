import type { ClaimStatus } from '@fieldgram/contracts';

/** A claim's workflow (S1-06): reviewed, then decided; it may also be decided at once. */
const NEXT: Record<ClaimStatus, readonly ClaimStatus[]> = {
  new: ['in_review', 'resolved', 'rejected'],
  in_review: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

/** Not decided yet: what follows a client to their new manager (S1-01). */
export const OPEN_STATUSES: readonly ClaimStatus[] = ['new', 'in_review'];

export function isFinished(status: ClaimStatus): boolean {
  return NEXT[status].length === 0;
}

/** Why `from → to` is not allowed (told to the manager as is), or null when it is. */
export function statusChangeRefusal(from: ClaimStatus, to: ClaimStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  if (isFinished(from)) return `the claim is already ${from}: a decided claim does not change`;
  if (from === to) return `the claim is already ${from.replace('_', ' ')}`;
  return `a claim that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`;
}
