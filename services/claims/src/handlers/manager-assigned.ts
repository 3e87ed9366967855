import type { Messages } from '@fieldgram/contracts';
import type { MessageHandler } from '@fieldgram/platform';
import { followManager, type FollowManagerDeps } from '../usecases/follow-manager.js';

/** identity's `user.manager-assigned`: the client's open claims follow them (S1-01). */
export function managerAssignedHandler(
  deps: FollowManagerDeps,
): MessageHandler<Messages, 'user.manager-assigned'> {
  return (assigned) => followManager(deps, assigned);
}
