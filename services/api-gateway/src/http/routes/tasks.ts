import { z } from 'zod';
import {
  TaskHistoryEntrySchema,
  TaskSchema,
  TaskStatusSchema,
  TaskSummarySchema,
} from '@fieldgram/contracts';
import { RemoteError } from '@fieldgram/platform';
import { HttpProblem } from '../problem.js';
import { defineRoute, json, noContent } from '../route.js';
import { ADMIN_ONLY, IdParams, STAFF, page, pageSize } from './common.js';

// Response schemas with an id become components of the OpenAPI document.
export const TaskStatusView = TaskStatusSchema.meta({ id: 'TaskStatus' });
export const TaskHistoryEntryView = TaskHistoryEntrySchema.meta({ id: 'TaskHistoryEntry' });
export const TaskView = TaskSchema.meta({ id: 'Task' });
export const TaskSummaryView = TaskSummarySchema.meta({ id: 'TaskSummary' });
const TaskPageView = z
  .object({
    items: z.array(TaskSummaryView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'TaskPage' });

const dateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO date-time with an offset, e.g. 2026-01-31T09:00:00+03:00',
});
const title = z.string().trim().min(1).max(200);
const description = z.string().max(5000);
const area = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .meta({ description: 'The public location: an area, never the exact address (technicians see it)' });
const ClientBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().min(3).max(32),
    address: z.string().trim().min(1).max(500),
    notes: z.string().max(2000).nullable().optional(),
  })
  .meta({
    description: 'Sensitive: a technician gets it only after accepting and POST /tasks/{id}/client-info',
  });

const CreateTaskBody = z.strictObject({
  title,
  description: description.optional(),
  area,
  scheduledAt: dateTime.optional(),
  client: ClientBody,
  assigneeId: z.uuid().optional().meta({ description: 'A technician; assign later if absent' }),
});

const UpdateTaskBody = z
  .strictObject({
    title,
    description: description.nullable(),
    area,
    scheduledAt: dateTime.nullable(),
    client: ClientBody,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'expected at least one field to change' });

const ACTION_ERRORS = [404, 409] as const;
const WORKFLOW = 'the task service refuses what the workflow does not allow now (409, saying why)';

/**
 * The task service checks a technician's id itself and names it `technicianId`; on create the body
 * calls it `assigneeId`, so the problem names that field.
 */
function asAssigneeProblem(error: unknown): unknown {
  if (
    error instanceof RemoteError &&
    error.code === 'validation' &&
    error.details?.field === 'technicianId'
  ) {
    return new HttpProblem('validation', `body.assigneeId: ${error.message}`, {
      errors: [{ field: 'body.assigneeId', message: error.message }],
    });
  }
  return error;
}

/**
 * Technician dispatch (S0-06…S0-10): admins create, assign, send and steer tasks; the task service
 * owns the workflow and refuses what it does not allow now. Managers (they look after clients)
 * may read tasks; dispatching is the admins' job.
 */
export const taskRoutes = [
  defineRoute({
    id: 'createTask',
    method: 'post',
    path: '/tasks',
    tag: 'tasks',
    summary: 'Create a task (status new), optionally with its technician',
    access: { roles: ADMIN_ONLY },
    body: CreateTaskBody,
    response: json(TaskView, 'The new task', 201),
    async handler(context) {
      try {
        return await context.call('task.create', context.body);
      } catch (error) {
        throw asAssigneeProblem(error);
      }
    },
  }),
  defineRoute({
    id: 'listTasks',
    method: 'get',
    path: '/tasks',
    tag: 'tasks',
    summary: 'List tasks',
    description: '`q` searches titles, areas and numbers.',
    access: { roles: STAFF, rule: 'managers: read only' },
    query: z.object({
      status: TaskStatusView.optional(),
      technicianId: z.uuid().optional().meta({ description: 'The assignee' }),
      q: z.string().trim().min(1).max(100).optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
    response: json(TaskPageView, 'One page of tasks, without client data'),
    handler(context) {
      const { technicianId, ...rest } = context.query;
      return context.call('task.list', { ...rest, ...(technicianId ? { assigneeId: technicianId } : {}) });
    },
  }),
  defineRoute({
    id: 'getTask',
    method: 'get',
    path: '/tasks/:id',
    tag: 'tasks',
    summary: 'One task, with its client block and status history',
    access: { roles: STAFF, rule: 'managers: read only' },
    params: IdParams,
    response: json(TaskView, 'The task'),
    handler: (context) => context.call('task.get', { taskId: context.params.id }),
  }),
  defineRoute({
    id: 'updateTask',
    method: 'patch',
    path: '/tasks/:id',
    tag: 'tasks',
    summary: "Change a task's title, description, area, time or client block",
    access: { roles: ADMIN_ONLY },
    params: IdParams,
    body: UpdateTaskBody,
    response: json(TaskView, 'The task as changed'),
    errors: ACTION_ERRORS,
    handler: (context) => context.call('task.update', { taskId: context.params.id, patch: context.body }),
  }),
  defineRoute({
    id: 'assignTask',
    method: 'post',
    path: '/tasks/:id/assign',
    tag: 'tasks',
    summary: 'Assign or reassign a technician (S0-08)',
    description:
      "A task already sent to someone else goes back to `new`; the first technician's buttons stop working.",
    access: { roles: ADMIN_ONLY, rule: WORKFLOW },
    params: IdParams,
    body: z.strictObject({ technicianId: z.uuid() }),
    response: json(TaskView, 'The task, assigned'),
    errors: ACTION_ERRORS,
    handler(context) {
      return context.call('task.assign', {
        taskId: context.params.id,
        technicianId: context.body.technicianId,
      });
    },
  }),
  defineRoute({
    id: 'sendTask',
    method: 'post',
    path: '/tasks/:id/send',
    tag: 'tasks',
    summary: 'Send the offer to the assignee through the bot, or send it again (S0-06, S0-10)',
    description:
      'The offer holds the basic details only, never the client block. Refused without an assignee.',
    access: { roles: ADMIN_ONLY, rule: WORKFLOW },
    params: IdParams,
    response: json(TaskView, 'The task, sent'),
    errors: ACTION_ERRORS,
    handler: (context) => context.call('task.send', { taskId: context.params.id }),
  }),
  defineRoute({
    id: 'releaseTaskClientInfo',
    method: 'post',
    path: '/tasks/:id/client-info',
    tag: 'tasks',
    summary: "Send the client's name, phone, address and notes to the technician who accepted (S0-09)",
    access: { roles: ADMIN_ONLY, rule: WORKFLOW },
    params: IdParams,
    response: json(TaskView, 'The task, client info sent'),
    errors: ACTION_ERRORS,
    handler: (context) => context.call('task.release-client-info', { taskId: context.params.id }),
  }),
  defineRoute({
    id: 'completeTask',
    method: 'post',
    path: '/tasks/:id/complete',
    tag: 'tasks',
    summary: 'Mark a task completed on behalf of its technician',
    access: { roles: ADMIN_ONLY, rule: WORKFLOW },
    params: IdParams,
    response: json(TaskView, 'The task, completed'),
    errors: ACTION_ERRORS,
    handler: (context) => context.call('task.complete', { taskId: context.params.id }),
  }),
  defineRoute({
    id: 'changeTaskStatus',
    method: 'post',
    path: '/tasks/:id/status',
    tag: 'tasks',
    summary: 'Change the status by hand, with a reason (S0-10)',
    access: { roles: ADMIN_ONLY, rule: WORKFLOW },
    params: IdParams,
    body: z.strictObject({
      status: TaskStatusView,
      reason: z.string().trim().min(1).max(500).meta({ description: 'Kept in the status history' }),
    }),
    response: json(TaskView, 'The task in its new status'),
    errors: ACTION_ERRORS,
    handler: (context) => context.call('task.change-status', { taskId: context.params.id, ...context.body }),
  }),
  defineRoute({
    id: 'deleteTask',
    method: 'delete',
    path: '/tasks/:id',
    tag: 'tasks',
    summary: 'Delete a task (soft: the journal and reports keep it)',
    access: { roles: ADMIN_ONLY },
    params: IdParams,
    response: noContent('Deleted'),
    errors: ACTION_ERRORS,
    async handler(context) {
      await context.call('task.delete', { taskId: context.params.id });
    },
  }),
];
