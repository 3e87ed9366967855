import type { Task } from '@fieldgram/contracts';
import { DomainError, RemoteError } from '@fieldgram/platform';
import type { AskPeersDeps } from './ask-peers.js';

/** A task from task: an unknown or deleted one is not found. Outages propagate. */
export async function fetchTask({ rpc }: AskPeersDeps, taskId: string): Promise<Task> {
  return rpc.request('task.get', { taskId }).catch((error: unknown) => {
    if (error instanceof RemoteError && (error.code === 'not_found' || error.code === 'validation'))
      throw new DomainError('not_found', `no task ${taskId}`, { field: 'taskId', taskId });
    throw error;
  });
}
