import type { TaskStatus } from '@fieldgram/contracts';
import type { Subject, WorkflowDefinition } from './workflow.js';

/**
 * Roles relative to one task: `admin` = staff through the admin API (or the system acting for
 * them), `assignee` = the technician the task is assigned to, `system` = timers.
 */
export type DispatchRole = 'admin' | 'assignee' | 'system';
export type DispatchAction =
  'assign' | 'send' | 'accept' | 'reject' | 'release-client-info' | 'complete' | 'change-status' | 'delete';

/** The facts dispatch actions may require of a task (see `dispatchSubject`). */
export interface DispatchFacts {
  /** The task has an assignee. */
  assignee: boolean;
  /** `assign` names the technician the task is already assigned to. */
  sameAssignee: boolean;
  /** The actor gave a reason. */
  reason: boolean;
}

const CLOSED = { completed: '{label} is already completed', cancelled: '{label} is cancelled' } as const;

/**
 * The dispatch workflow of S0 (S0-06…S0-10):
 *
 *   new ─send→ sent ─accept→ accepted ─release-client-info→ client_info_sent ─complete→ completed
 *                   ─reject→ rejected ─send (resend)→ sent
 *
 * - `assign` (admin) from new, sent, rejected or accepted. Assigning someone else to a task that
 *   was already sent or accepted voids that offer: the task goes back to `new` and must be sent
 *   again. A rejected task stays `rejected` (its history says why) until it is sent again; `new`
 *   stays `new`; assigning the current assignee again changes nothing. Not after client info was
 *   released: that person has the client's data; an admin changes the status first.
 * - `send` (admin) from new, rejected, or sent (a resend); needs an assignee.
 * - `complete` (assignee or admin) only from client_info_sent: a technician completes the work the
 *   client info was released for (S0-09 → S0-10). An admin can still force any status by hand.
 * - `change-status` (admin, with a reason): any state to any other, also `cancelled` (S0-10).
 * - `delete` (admin): a soft delete from any state; the status stays as it was.
 */
export const dispatchWorkflow: WorkflowDefinition<TaskStatus, DispatchRole, DispatchAction> = {
  name: 'dispatch',
  states: ['new', 'sent', 'accepted', 'rejected', 'client_info_sent', 'completed', 'cancelled'],
  initial: 'new',
  actions: {
    assign: {
      from: ['new', 'sent', 'rejected', 'accepted'],
      to: (task) =>
        !task.facts?.sameAssignee && (task.status === 'sent' || task.status === 'accepted')
          ? 'new'
          : task.status,
      by: ['admin'],
      mayStay: true,
      refusals: {
        client_info_sent:
          'the client info of {label} was already sent to its technician: change its status before reassigning it',
        ...CLOSED,
      },
    },
    send: {
      from: ['new', 'rejected', 'sent'],
      to: 'sent',
      by: ['admin'],
      mayStay: true,
      requires: { assignee: 'the task has no assignee: assign a technician before sending' },
      refusals: {
        accepted: '{label} was already accepted: reassign it to send it to someone else',
        client_info_sent: '{label} is already in progress (client info sent): it cannot be sent again',
        ...CLOSED,
      },
    },
    accept: {
      from: ['sent'],
      to: 'accepted',
      by: ['assignee'],
      refusals: {
        forbidden: 'this task is not assigned to you',
        new: '{label} is not offered to anyone right now',
        accepted: 'you have already accepted {label}',
        client_info_sent: 'you have already accepted {label}',
        rejected: 'you have already rejected {label}',
        ...CLOSED,
      },
    },
    reject: {
      from: ['sent'],
      to: 'rejected',
      by: ['assignee'],
      refusals: {
        forbidden: 'this task is not assigned to you',
        new: '{label} is not offered to anyone right now',
        accepted: 'you have already accepted {label}: ask an admin to reassign it',
        client_info_sent: 'you have already accepted {label}: ask an admin to reassign it',
        rejected: 'you have already rejected {label}',
        ...CLOSED,
      },
    },
    'release-client-info': {
      from: ['accepted'],
      to: 'client_info_sent',
      by: ['admin'],
      refusals: {
        client_info_sent: 'the client info of {label} was already sent',
        default: '{label} is {status}: client info is sent only after the technician accepted it',
        ...CLOSED,
      },
    },
    complete: {
      from: ['client_info_sent'],
      to: 'completed',
      by: ['assignee', 'admin'],
      refusals: {
        forbidden: 'this task is not assigned to you',
        accepted: 'the client info of {label} was not sent yet, so it cannot be completed',
        default: '{label} was never accepted, so it cannot be completed',
        ...CLOSED,
      },
    },
    'change-status': {
      from: '*',
      to: (task) => task.target ?? task.status,
      by: ['admin'],
      requires: { reason: 'a reason is required to change the status by hand' },
    },
    delete: { from: '*', to: (task) => task.status, by: ['admin'], mayStay: true },
  },
};

export function taskLabel(number: number): string {
  return `task #${number}`;
}

export function dispatchSubject(
  task: { status: TaskStatus; number: number },
  facts: DispatchFacts,
  target?: TaskStatus,
): Subject<TaskStatus> {
  return {
    status: task.status,
    label: taskLabel(task.number),
    facts: { ...facts },
    ...(target ? { target } : {}),
  };
}
