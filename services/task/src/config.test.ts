import { describe, expect, it } from 'vitest';
import { loadConfig } from '@fieldgram/platform';
import { reminderDelays, taskEnvSchema } from './config.js';

describe('task config', () => {
  it('reminds after 30 and escalates after 60 minutes by default', () => {
    expect(reminderDelays(loadConfig(taskEnvSchema, {}))).toEqual({
      remindMs: 1_800_000,
      escalateMs: 3_600_000,
    });
  });

  it('takes minutes, and test-short milliseconds over them', () => {
    const env = loadConfig(taskEnvSchema, {
      TASK_REMINDER_MINUTES: '5',
      TASK_ESCALATION_MINUTES: '15',
      TASK_ESCALATION_DELAY_MS: '600',
    });
    expect(reminderDelays(env)).toEqual({ remindMs: 300_000, escalateMs: 600 });
  });
});
