import type { Messages } from '@fieldgram/contracts';
import type { QueryHandler } from '@fieldgram/platform';
import { loadTask, requireTask, type TaskContext } from './context.js';

/** `task.get`: the task with its client block and history; a deleted task is not found. */
export function getTaskHandler({ runtime }: TaskContext): QueryHandler<Messages, 'task.get'> {
  return async (request) =>
    loadTask(runtime.db.knex, await requireTask(runtime.db.knex, request.data.taskId));
}
