import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { createTask, type CreateTaskDeps } from '../usecases/create-task.js';
import type { LookupPersonDeps } from '../usecases/lookup-person.js';
import { requireTechnician } from '../usecases/require-technician.js';

/** `task.create` (S0-06): a new task, optionally already assigned. Emits `task.created` (+ `task.assigned`). */
export function createTaskHandler(
  deps: CreateTaskDeps & LookupPersonDeps,
): RequestHandler<Messages, 'task.create'> {
  return async (request) => {
    const { assigneeId } = request.data;
    if (assigneeId !== undefined) await requireTechnician(deps, assigneeId);
    return createTask(deps, request);
  };
}
