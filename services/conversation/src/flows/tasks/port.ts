import type { DataInput, Messages, ResultOf, Task } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';
import { answerOrRefusal as answer, type Cause, type Outcome, type Refusal } from '../service-answer.js';

export type TaskPage = ResultOf<Messages, 'task.list'>;

/** Why the task service said no: the press changes nothing and is answered politely. */
export type TaskRefusal = Refusal;
export type TaskOutcome<T> = Outcome<T>;

/**
 * What conversation asks the task service for a technician's taps. Every answer passes the
 * presser's own user id (from identity, never from the button): the task service decides
 * whether they may (S0-07, DESIGN §5). A refusal is an outcome, not an error; the task service
 * being down is a dependency outage (the update is retried later).
 */
export interface TaskPort {
  get(taskId: string, causedBy: Cause): Promise<TaskOutcome<Task>>;
  accept(input: DataInput<Messages, 'task.accept'>, causedBy: Cause): Promise<TaskOutcome<Task>>;
  reject(input: DataInput<Messages, 'task.reject'>, causedBy: Cause): Promise<TaskOutcome<Task>>;
  complete(input: DataInput<Messages, 'task.complete'>, causedBy: Cause): Promise<TaskOutcome<Task>>;
  list(input: DataInput<Messages, 'task.list'>, causedBy: Cause): Promise<TaskOutcome<TaskPage>>;
}

export function tasksOverRpc(rpc: () => RpcClient<Messages>, timeoutMs: number): TaskPort {
  const options = (causedBy: Cause) => ({ causedBy, timeoutMs });
  return {
    get: (taskId, causedBy) => answer(() => rpc().request('task.get', { taskId }, options(causedBy))),
    accept: (input, causedBy) => answer(() => rpc().request('task.accept', input, options(causedBy))),
    reject: (input, causedBy) => answer(() => rpc().request('task.reject', input, options(causedBy))),
    complete: (input, causedBy) => answer(() => rpc().request('task.complete', input, options(causedBy))),
    list: (input, causedBy) => answer(() => rpc().request('task.list', input, options(causedBy))),
  };
}
