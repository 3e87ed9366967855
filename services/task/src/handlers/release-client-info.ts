import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { actorId, answer, eventBasics, taskPartition, transition, type TaskContext } from './context.js';

/** `task.release-client-info` (S0-09): after an accept, the client block goes to the assignee. */
export function releaseClientInfoHandler(
  context: TaskContext,
): QueryHandler<Messages, 'task.release-client-info'> {
  return async (request) => {
    const { taskId } = request.data;
    const fired = await transition(
      context,
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
    return answer(context, fired);
  };
}
