import type { DataOf, Messages, User } from '@fieldgram/contracts';

/** Events about a person keep their order: one partition per person. */
export function userPartition(userId: string): { partitionKey: string } {
  return { partitionKey: `user:${userId}` };
}

/** `user.registered` for a person just made, however they came. */
export function registeredEvent(
  user: User,
  via: DataOf<Messages, 'user.registered'>['via'],
): DataOf<Messages, 'user.registered'> {
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    telegramId: user.telegramId,
    username: user.username,
    profileLink: user.profileLink,
    via,
  };
}

/** `user.updated` naming the fields (contract names) that changed. */
export function updatedEvent(user: User, changed: readonly string[]): DataOf<Messages, 'user.updated'> {
  return { userId: user.id, role: user.role, active: user.active, name: user.name, changed: [...changed] };
}

/** `user.manager-assigned` (S1-01): by the organization's rule, or by staff. */
export function managerAssignedEvent(
  client: User,
  previousManagerId: string | null,
  via: DataOf<Messages, 'user.manager-assigned'>['via'],
): DataOf<Messages, 'user.manager-assigned'> {
  if (client.managerId === null) throw new Error(`client ${client.id} has no manager to announce`);
  return { userId: client.id, name: client.name, managerId: client.managerId, previousManagerId, via };
}
