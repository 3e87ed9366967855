import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { actorId } from '../domain/requester.js';
import { eventBasics, taskPartition } from '../events/task-event-fields.js';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { transitionTask, type TransitionDeps } from '../usecases/transition-task.js';

/** `task.complete` (S0-10): by the assignee (technicianId) or an admin, after client info. */
export function completeTaskHandler(
  deps: TransitionDeps & TaskReadDeps,
): RequestHandler<Messages, 'task.complete'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const fired = await transitionTask(
      deps,
      request,
      taskId,
      {
        action: 'complete',
        byUserId: technicianId ?? actorId(request),
        technicianId,
      },
      {
        effects: async ({ after }, { emit }) => {
          await emit('task.completed', eventBasics(after), taskPartition(taskId));
        },
      },
    );
    return loadTask(deps.db, fired.after);
  };
}
