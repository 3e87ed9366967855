import type { Envelope, Messages, TaskStatus } from '@fieldgram/contracts';
import { DomainError, type TransactionContext, type UnitOfWork } from '@fieldgram/platform';
import { dispatchSubject, dispatchWorkflow, type DispatchAction } from '../domain/dispatch.js';
import { rolesOf } from '../domain/requester.js';
import { fire } from '../domain/workflow.js';
import { insertHistory, updateTask, type TaskColumns, type TaskRow } from '../store/tasks-store.js';
import { requireTask } from './require-task.js';

export interface TransitionDeps {
  uow: UnitOfWork<Messages>;
}

/** One dispatch action, as a handler validated it. */
export interface Transition {
  action: DispatchAction;
  /** Who fired it, as recorded in the history. */
  byUserId: string | null;
  /** A technician's tap (passed on by conversation): their roles are checked against the assignee. */
  technicianId?: string | undefined;
  reason?: string | null;
  target?: TaskStatus;
  /** For `assign`: the technician to assign. */
  assigneeId?: string;
}

export interface Fired {
  before: TaskRow;
  after: TaskRow;
}

/** What an action changes besides the status, and the events it emits (in the same transaction). */
export interface TransitionEffects {
  columns?: (task: TaskRow) => TaskColumns;
  effects?: (fired: Fired, tx: TransactionContext<Messages>) => Promise<void>;
}

/**
 * Fires one dispatch action in a transaction: locks the task, asks the workflow, updates the row
 * with the new status and `columns`, records the history entry, then lets `effects` emit events.
 * A refusal is a DomainError: `forbidden` for the wrong person, `conflict` with the workflow's reason.
 */
export async function transitionTask(
  { uow }: TransitionDeps,
  request: Envelope,
  taskId: string,
  step: Transition,
  options: TransitionEffects = {},
): Promise<Fired> {
  return uow.run(async (tx) => {
    const before = await requireTask(tx.trx, taskId, 'update');
    const assigneeAfter = step.assigneeId ?? before.assignee_id;
    const subject = dispatchSubject(
      before,
      {
        assignee: assigneeAfter !== null,
        sameAssignee: step.assigneeId !== undefined && step.assigneeId === before.assignee_id,
        reason: Boolean(step.reason?.trim()),
      },
      step.target,
    );
    const roles = rolesOf(request.actor, before.assignee_id, step.technicianId);
    const outcome = fire(dispatchWorkflow, subject, step.action, { roles });
    if (outcome.refused !== undefined)
      throw new DomainError(outcome.kind === 'forbidden' ? 'forbidden' : 'conflict', outcome.refused, {
        action: step.action,
        status: before.status,
      });
    const after = await updateTask(tx.trx, taskId, {
      ...options.columns?.(before),
      status: outcome.to,
      ...(step.assigneeId !== undefined ? { assignee_id: step.assigneeId } : {}),
    });
    await insertHistory(tx.trx, {
      task_id: taskId,
      by_user_id: step.byUserId,
      action: step.action,
      from: before.status,
      to: outcome.to,
      reason: step.reason ?? null,
      assignee_id: after.assignee_id,
    });
    await options.effects?.({ before, after }, tx);
    return { before, after };
  }, request);
}
