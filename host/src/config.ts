import { z } from 'zod';
import { httpPort, logLevel } from '@fieldgram/platform';

/** The host's own variables; each service reads its own from the same environment. */
export const hostEnvSchema = z.object({
  /** `all` (the default) or the services to run here, comma-separated (docs/operations.md). */
  FIELDGRAM_SERVICES: z.string().optional(),
  /** The one ops server of the process. */
  HTTP_PORT: httpPort,
  LOG_LEVEL: logLevel,
});
