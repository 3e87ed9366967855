import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { actorId, answer, eventBasics, taskPartition, transition, type TaskContext } from './context.js';

/** `task.complete` (S0-10): by the assignee (technicianId) or an admin, after client info. */
export function completeTaskHandler(context: TaskContext): QueryHandler<Messages, 'task.complete'> {
  return async (request) => {
    const { taskId, technicianId } = request.data;
    const fired = await transition(
      context,
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
    return answer(context, fired);
  };
}
