import type { Actor } from '@fieldgram/contracts';
import type { DispatchRole } from './dispatch.js';

/** The person behind a request, for history entries; null for the system. */
export function actorId(request: { actor: Actor }): string | null {
  return request.actor.kind === 'user' ? request.actor.userId : null;
}

/**
 * The roles of a request toward a task. With `technicianId` (a tap in the bot, passed on by
 * conversation) only the assignee role counts, and only for the task's assignee. Otherwise it is
 * the admin API: staff (admin, manager) or the system acting for them; a technician or client
 * calling the admin actions directly is nobody.
 */
export function rolesOf(actor: Actor, assigneeId: string | null, technicianId?: string): DispatchRole[] {
  if (technicianId !== undefined) return assigneeId === technicianId ? ['assignee'] : [];
  if (actor.kind === 'system') return ['admin', 'system'];
  return actor.role === 'admin' || actor.role === 'manager' ? ['admin'] : [];
}
