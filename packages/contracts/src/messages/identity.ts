import { z } from 'zod';
import { event } from '../registry.js';
import { RoleSchema } from '../envelope.js';

export const identityMessages = {
  /** A person registered on first contact with the bot (S0-03, S0-04). */
  'user.registered': event(
    z.object({
      userId: z.string().min(1),
      telegramId: z.number().int(),
      role: RoleSchema,
      firstName: z.string(),
      lastName: z.string().optional(),
      username: z.string().optional(),
    }),
  ),
} as const;
