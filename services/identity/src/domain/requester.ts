import type { Actor } from '@fieldgram/contracts';

/** The person behind a request (an admin through the api-gateway), for `created_by` columns. */
export function actorId(request: { actor: Actor }): string | null {
  return request.actor.kind === 'user' ? request.actor.userId : null;
}
