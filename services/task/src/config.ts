import { z } from 'zod';
import { platformEnvSchema } from '@fieldgram/platform';

const optionalMs = z.coerce.number().int().min(1).max(86_400_000).optional();

/** task's environment (documented in .env.example). */
export const taskEnvSchema = platformEnvSchema.extend({
  /** An unanswered offer reminds its technician after this long. */
  TASK_REMINDER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Still unanswered after this long: the admins hear "no answer from (name)". */
  TASK_ESCALATION_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /** Test-short delays: override the minutes above when set. */
  TASK_REMINDER_DELAY_MS: optionalMs,
  TASK_ESCALATION_DELAY_MS: optionalMs,
});
export type TaskEnv = z.output<typeof taskEnvSchema>;

/** The delays of the two offer reminders, in milliseconds. */
export function reminderDelays(env: TaskEnv): { remindMs: number; escalateMs: number } {
  return {
    remindMs: env.TASK_REMINDER_DELAY_MS ?? env.TASK_REMINDER_MINUTES * 60_000,
    escalateMs: env.TASK_ESCALATION_DELAY_MS ?? env.TASK_ESCALATION_MINUTES * 60_000,
  };
}
