import { z } from 'zod';
import { command, event, query } from '../registry.js';

/** The dispatch workflow's states (S0-06…S0-10); the engine's definition lives in services/task. */
export const TaskStatusSchema = z.enum([
  'new',
  'sent',
  'accepted',
  'rejected',
  'client_info_sent',
  'completed',
  'cancelled',
]);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Sensitive: reaches a technician only after they accepted and an admin released it (S0-07, S0-09). */
export const TaskClientSchema = z.object({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().min(3).max(32),
  address: z.string().trim().min(1).max(500),
  notes: z.string().max(2000).nullable().default(null),
});
export type TaskClient = z.infer<typeof TaskClientSchema>;

export const TaskHistoryEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  /** The person who fired the transition; null for the system (a reminder, a timer). */
  byUserId: z.string().nullable(),
  action: z.string(),
  from: TaskStatusSchema.nullable(),
  to: TaskStatusSchema,
  reason: z.string().nullable(),
  /** Who the task was assigned to at that moment. */
  assigneeId: z.string().nullable(),
});

const TaskFields = {
  id: z.string(),
  /** What people see: #1042. */
  number: z.number().int().positive(),
  title: z.string(),
  description: z.string().nullable(),
  /** The public location: an area, never the exact address. */
  area: z.string(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  status: TaskStatusSchema,
  assigneeId: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
};
export const TaskSummarySchema = z.object(TaskFields);
export const TaskSchema = z.object({
  ...TaskFields,
  client: TaskClientSchema,
  history: z.array(TaskHistoryEntrySchema),
});
export type Task = z.infer<typeof TaskSchema>;
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

const TaskId = { taskId: z.string() };
/** Whoever acts through the bot says who they are; the task service checks they are the assignee. */
const ByTechnician = { taskId: z.string(), technicianId: z.string() };
const TaskEvent = {
  taskId: z.string(),
  number: z.number().int(),
  title: z.string(),
  assigneeId: z.string().nullable(),
};
/** What the technician's offer shows besides number and title (S0-07): never client data. */
const OfferDetails = {
  area: z.string(),
  description: z.string().nullable(),
  scheduledAt: z.string().nullable(),
};
/**
 * The offer's details on the events that edit the offer (accepted, rejected, reassigned,
 * cancelled, deleted), so the edited offer keeps them; optional, as events written before them
 * do not carry them.
 */
const OfferDetailsAgain = {
  area: OfferDetails.area.optional(),
  description: OfferDetails.description.optional(),
  scheduledAt: OfferDetails.scheduledAt.optional(),
};
const TaskReportRowSchema = z.object({
  taskId: z.string(),
  number: z.number().int(),
  title: z.string(),
  area: z.string(),
  status: TaskStatusSchema,
  assigneeId: z.string().nullable(),
  createdAt: z.string(),
  at: z.string(),
  action: z.string(),
  from: TaskStatusSchema.nullable(),
  to: TaskStatusSchema,
  byUserId: z.string().nullable(),
  reason: z.string().nullable(),
});

export const taskMessages = {
  // --- queries (request/reply: api-gateway for admins, conversation for technicians' taps) ---
  'task.create': command(
    z.object({
      title: z.string().trim().min(1).max(200),
      description: z.string().max(5000).optional(),
      area: z.string().trim().min(1).max(200),
      scheduledAt: z.iso.datetime({ offset: true }).optional(),
      client: TaskClientSchema,
      assigneeId: z.string().optional(),
    }),
    TaskSchema,
  ),
  'task.get': query(z.object(TaskId), TaskSchema),
  'task.list': query(
    z.object({
      status: TaskStatusSchema.optional(),
      /** Several statuses at once (a technician's active tasks). */
      statuses: z.array(TaskStatusSchema).optional(),
      assigneeId: z.string().optional(),
      q: z.string().max(100).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
    z.object({
      items: z.array(TaskSummarySchema),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  ),
  'task.update': command(
    z.object({
      taskId: z.string(),
      patch: z
        .object({
          title: z.string().trim().min(1).max(200),
          description: z.string().max(5000).nullable(),
          area: z.string().trim().min(1).max(200),
          scheduledAt: z.iso.datetime({ offset: true }).nullable(),
          client: TaskClientSchema,
        })
        .partial(),
    }),
    TaskSchema,
  ),
  /** Assign or reassign (S0-08); a task already sent to someone else goes back to `new`. */
  'task.assign': command(z.object({ taskId: z.string(), technicianId: z.string() }), TaskSchema),
  /** "Send Task Info" (S0-06); also resends (S0-10). Refused without an assignee. */
  'task.send': command(z.object(TaskId), TaskSchema),
  'task.accept': command(z.object(ByTechnician), TaskSchema),
  'task.reject': command(z.object({ ...ByTechnician, reason: z.string().max(500).optional() }), TaskSchema),
  /** "Send Client Info" (S0-09). */
  'task.release-client-info': command(z.object(TaskId), TaskSchema),
  /** "Mark as Completed" by the technician (technicianId given) or by an admin. */
  'task.complete': command(z.object({ taskId: z.string(), technicianId: z.string().optional() }), TaskSchema),
  /** Manual status change by an admin, with a reason (S0-10). */
  'task.change-status': command(
    z.object({ taskId: z.string(), status: TaskStatusSchema, reason: z.string().trim().min(1).max(500) }),
    TaskSchema,
  ),
  /** Soft delete. */
  'task.delete': command(z.object(TaskId), z.object({ deleted: z.literal(true) })),
  /** The detailed report of S0-12: one row per status change in the period. */
  'task.report': query(
    z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      assigneeId: z.string().optional(),
      status: TaskStatusSchema.optional(),
    }),
    z.object({ rows: z.array(TaskReportRowSchema) }),
  ),

  // --- events (S0-13) ---
  'task.created': event(z.object({ ...TaskEvent, area: z.string() })),
  'task.updated': event(z.object({ ...TaskEvent, changed: z.array(z.string()) })),
  'task.assigned': event(
    z.object({ ...TaskEvent, ...OfferDetailsAgain, previousAssigneeId: z.string().nullable() }),
  ),
  /** The offer goes to the assignee: basic details only, never the client block (S0-07). */
  'task.sent': event(
    z.object({
      ...TaskEvent,
      assigneeId: z.string(),
      ...OfferDetails,
      /** Which send of this task this is (resends count up): keys the offer message. */
      sendCount: z.number().int().positive(),
    }),
  ),
  'task.accepted': event(z.object({ ...TaskEvent, ...OfferDetailsAgain, assigneeId: z.string() })),
  'task.rejected': event(
    z.object({ ...TaskEvent, ...OfferDetailsAgain, assigneeId: z.string(), reason: z.string().nullable() }),
  ),
  /** The client block, released to the assignee (S0-09). */
  'task.client-info-released': event(
    z.object({ ...TaskEvent, assigneeId: z.string(), client: TaskClientSchema }),
  ),
  'task.completed': event(z.object(TaskEvent)),
  'task.status-changed': event(
    z.object({
      ...TaskEvent,
      ...OfferDetailsAgain,
      from: TaskStatusSchema,
      to: TaskStatusSchema,
      reason: z.string().nullable(),
      action: z.string(),
    }),
  ),
  'task.deleted': event(z.object({ ...TaskEvent, ...OfferDetailsAgain })),
  /** The offer is still unanswered after the first delay: remind the technician. */
  'task.offer-reminded': event(
    z.object({ ...TaskEvent, assigneeId: z.string(), sendCount: z.number().int() }),
  ),
  /** Still unanswered after the second delay: tell the admins "no answer from (name)". */
  'task.offer-unanswered': event(
    z.object({ ...TaskEvent, assigneeId: z.string(), sendCount: z.number().int() }),
  ),
} as const;
