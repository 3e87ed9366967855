import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import { eventBasics, taskPartition } from '../events/task-event-fields.js';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

/** `task.release-client-info` (S0-09): after an accept, the client block goes to the assignee. */
export function releaseClientInfoHandler(
  deps: TransitionDeps & TaskReadDeps,
): RequestHandler<Messages, 'task.release-client-info'> {
  return async (request) => {
    const { taskId } = request.data;
    const fired = await transitionTask(
      deps,
      request,
      taskId,
      { action: 'release-client-info', byUserId: actorId(request) },
      {
        effects: async ({ after }, { emit }) => {
          await emit(
            'task.client-info-released',
            { ...eventBasics(after), assigneeId: after.assignee_id!, client: after.client },
            taskPartition(taskId),
          );
        },
      },
    );
    return loadTask(deps.db, fired.after);
  };
}
