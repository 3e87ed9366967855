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
