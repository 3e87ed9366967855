import { type Envelope, type Messages, type Task, type TaskStatus } from '@fieldgram/contracts';
import { DomainError, RemoteError, type ServiceRuntime, type TransactionContext } from '@fieldgram/platform';
import type { Knex } from 'knex';
import type { TaskEnv } from '../config.js';
import {
  dispatchSubject,
  dispatchWorkflow,
  type DispatchAction,
  type DispatchRole,
} from '../domain/dispatch.js';
import { fire } from '../domain/workflow.js';
import type { OfferReminders } from '../reminders/offer-reminders.js';
import {
  findTask,
  historyOf,
  insertHistory,
  toTask,
  updateTask,
  type TaskColumns,
  type TaskRow,
} from '../store/tasks-store.js';

/** What every handler of task works with. */
export interface TaskContext {
  runtime: ServiceRuntime<Messages>;
  reminders: OfferReminders;
  env: TaskEnv;
}

/** Events about a task keep their order: one partition per task. */
export function taskPartition(taskId: string): { partitionKey: string } {
  return { partitionKey: `task:${taskId}` };
}

/** The person behind a request, for history entries; null for the system. */
export function actorId(request: Envelope): string | null {
  return request.actor.kind === 'user' ? request.actor.userId : null;
}

export async function requireTask(
  db: Knex | Knex.Transaction,
  taskId: string,
  lock?: 'update',
): Promise<TaskRow> {
  const row = await findTask(db, taskId, lock);
  if (!row) throw new DomainError('not_found', `no task ${taskId}`, { taskId });
  return row;
}

export async function loadTask(db: Knex | Knex.Transaction, row: TaskRow): Promise<Task> {
  return toTask(row, await historyOf(db, row.id));
}

/** The common fields of every task event. */
export function eventBasics(row: TaskRow) {
  return { taskId: row.id, number: row.number, title: row.title, assigneeId: row.assignee_id };
}

/**
 * What the technician's offer shows (never client data): on `task.sent`, and again on the events
 * that end the offer, so notification's edit of it keeps them.
 */
export function offerDetails(row: TaskRow) {
  return {
    area: row.area,
    description: row.description,
    scheduledAt: row.scheduled_at?.toISOString() ?? null,
  };
}

/**
 * The roles of a request toward a task. With `technicianId` (a tap in the bot, passed on by
 * conversation) only the assignee role counts, and only for the task's assignee. Otherwise it is
 * the admin API: staff (admin, manager) or the system acting for them; a technician or client
 * calling the admin actions directly is nobody.
 */
export function rolesOf(request: Envelope, task: TaskRow, technicianId?: string): DispatchRole[] {
  if (technicianId !== undefined) return task.assignee_id === technicianId ? ['assignee'] : [];
  const actor = request.actor;
  if (actor.kind === 'system') return ['admin', 'system'];
  return actor.role === 'admin' || actor.role === 'manager' ? ['admin'] : [];
}

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

/**
 * Fires one dispatch action in a transaction: locks the task, asks the workflow, updates the row
 * with the new status and `columns`, records the history entry, then lets `effects` emit events.
 * A refusal is a DomainError: `forbidden` for the wrong person, `conflict` with the workflow's reason.
 */
export async function transition(
  { runtime }: TaskContext,
  request: Envelope,
  taskId: string,
  step: Transition,
  options: {
    columns?: (task: TaskRow) => TaskColumns;
    effects?: (fired: Fired, tx: TransactionContext<Messages>) => Promise<void>;
  } = {},
): Promise<Fired> {
  return runtime.uow.run(async (tx) => {
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
    const roles = rolesOf(request, before, step.technicianId);
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

/** The answer of a transition: the task as it is now, with its history. */
export async function answer({ runtime }: TaskContext, fired: Fired): Promise<Task> {
  return loadTask(runtime.db.knex, fired.after);
}

/**
 * The technician to assign must be a registered, active technician (S0-06): asked from identity,
 * which owns people.
 */
export async function requireTechnician({ runtime }: TaskContext, userId: string): Promise<void> {
  const user = await runtime.rpc.request('identity.get-user', { userId }).catch((error: unknown) => {
    if (error instanceof RemoteError && (error.code === 'not_found' || error.code === 'validation'))
      return null;
    throw error;
  });
  if (!user || user.role !== 'technician' || !user.active)
    throw new DomainError('validation', `${userId} is not an active technician`, { field: 'technicianId' });
}

/** Reminders of an offer that is no longer pending go away (after commit; best effort). */
export async function cancelOfferReminders(context: TaskContext, fired: Fired): Promise<void> {
  if (fired.before.status === 'sent')
    await context.reminders.cancel(fired.before.id, fired.before.send_count);
}
