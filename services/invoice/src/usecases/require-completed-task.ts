import type { Task } from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import type { AskPeersDeps } from './ask-peers.js';
import { fetchTask } from './fetch-task.js';

/** Only a completed task can be invoiced (S0-11); the refusal says its status. */
export async function requireCompletedTask(deps: AskPeersDeps, taskId: string): Promise<Task> {
  const task = await fetchTask(deps, taskId);
  if (task.status !== 'completed')
    throw new DomainError(
      'conflict',
      `task #${task.number} is not completed (status ${task.status}): only a completed task can be invoiced`,
      { taskId, status: task.status },
    );
  return task;
}
