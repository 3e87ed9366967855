import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { editTaskDetails, type EditTaskDetailsDeps } from '../usecases/edit-task-details.js';

/** `task.update`: edits the details (not the status or assignee). Emits `task.updated` with the changed fields' names. */
export function updateTaskHandler(deps: EditTaskDetailsDeps): RequestHandler<Messages, 'task.update'> {
  return (request) => editTaskDetails(deps, request);
}
