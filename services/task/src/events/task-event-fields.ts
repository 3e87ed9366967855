import type { TaskRow } from '../store/tasks-store.js';

/** Events about a task keep their order: one partition per task. */
export function taskPartition(taskId: string): { partitionKey: string } {
  return { partitionKey: `task:${taskId}` };
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
