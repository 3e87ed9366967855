import type { Envelope } from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import { rolesOf } from '../domain/requester.js';
import type { TaskRow } from '../store/tasks-store.js';

/** Edits outside the workflow (the details of a task) are staff's alone. */
export function requireStaff(request: Pick<Envelope, 'actor'>, task: TaskRow): void {
  if (!rolesOf(request.actor, task.assignee_id).includes('admin'))
    throw new DomainError('forbidden', 'only staff may edit a task', { taskId: task.id });
}
