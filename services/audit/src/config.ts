import type { z } from 'zod';
import { platformEnvSchema } from '@fieldgram/platform';

/** audit's environment (documented in .env.example): the platform's variables only, for now. */
export const auditEnvSchema = platformEnvSchema.extend({});
export type AuditEnv = z.output<typeof auditEnvSchema>;
