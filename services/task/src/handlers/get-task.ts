import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { loadTask, type TaskReadDeps } from '../store/tasks-store.js';
import { requireTask } from '../usecases/require-task.js';

/** `task.get`: the task with its client block and history; a deleted task is not found. */
export function getTaskHandler({ db }: TaskReadDeps): RequestHandler<Messages, 'task.get'> {
  return async (request) => loadTask(db, await requireTask(db, request.data.taskId));
}
