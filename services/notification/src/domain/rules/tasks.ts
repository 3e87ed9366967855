import { EVERY_ADMIN } from './audiences.js';
import { rule, type NotificationRule } from './rule.js';

/** What every task rule shares: to every active admin, with sound, about the task. */
const toAdmins = {
  ...EVERY_ADMIN,
  subject: 'task:{taskId}',
  sound: true,
  actions: [{ label: 'notify.action.openTask', href: '/api/v1/tasks/{taskId}' }],
} as const;
const assignee = [{ field: 'assigneeId', as: 'assigneeName' }] as const;

/** S0-13 for the dispatch workflow: every step of a task → every active admin, with sound. */
export const TASK_RULES: readonly NotificationRule[] = [
  rule({ id: 'task-created', event: 'task.created', when: {}, text: 'notify.task.created', ...toAdmins }),
  rule({
    id: 'task-sent',
    event: 'task.sent',
    when: {},
    names: assignee,
    text: 'notify.task.sent',
    ...toAdmins,
  }),
  rule({
    id: 'task-accepted',
    event: 'task.accepted',
    when: {},
    names: assignee,
    text: 'notify.task.accepted',
    ...toAdmins,
  }),
  rule({
    id: 'task-rejected-with-reason',
    event: 'task.rejected',
    when: {},
    whenPresent: ['reason'],
    names: assignee,
    text: 'notify.task.rejectedWithReason',
    ...toAdmins,
  }),
  rule({
    id: 'task-rejected',
    event: 'task.rejected',
    when: { reason: null },
    names: assignee,
    text: 'notify.task.rejected',
    ...toAdmins,
  }),
  rule({
    id: 'task-client-info-released',
    event: 'task.client-info-released',
    when: {},
    text: 'notify.task.clientInfoReleased',
    ...toAdmins,
  }),
  rule({
    id: 'task-completed',
    event: 'task.completed',
    when: {},
    text: 'notify.task.completed',
    ...toAdmins,
  }),
  rule({
    id: 'task-status-changed-with-reason',
    event: 'task.status-changed',
    when: {},
    whenPresent: ['reason'],
    text: 'notify.task.statusChangedWithReason',
    ...toAdmins,
  }),
  rule({
    id: 'task-status-changed',
    event: 'task.status-changed',
    when: { reason: null },
    text: 'notify.task.statusChanged',
    ...toAdmins,
  }),
  rule({ id: 'task-deleted', event: 'task.deleted', when: {}, text: 'notify.task.deleted', ...toAdmins }),
  rule({
    id: 'task-offer-unanswered',
    event: 'task.offer-unanswered',
    when: {},
    names: assignee,
    text: 'notify.task.offerUnanswered',
    ...toAdmins,
  }),
];
