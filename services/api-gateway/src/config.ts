import { z } from 'zod';
import { httpPort, nodeEnv, platformEnvSchema } from '@fieldgram/platform';

const JWT_SECRET_MIN_LENGTH = 32;
const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * api-gateway's environment (documented in services/api-gateway/README.md). Ops endpoints stay on
 * HTTP_PORT; the REST API listens on API_PORT.
 */
export const apiGatewayEnvSchema = platformEnvSchema
  .extend({
    API_PORT: httpPort.default(8080),
    NODE_ENV: nodeEnv,
    /**
     * Signs access and refresh tokens (HS256). Required in production; elsewhere, when unset, a
     * random development secret is created once and kept in Redis (shared by every instance).
     */
    JWT_SECRET: z
      .string()
      .min(JWT_SECRET_MIN_LENGTH, { error: `expected at least ${JWT_SECRET_MIN_LENGTH} characters` })
      .optional(),
    /** Where admins reach the API (e.g. https://ops.example.com), for absolute URLs in answers (QR codes); default http://127.0.0.1:<API_PORT>. */
    PUBLIC_BASE_URL: z
      .url({ error: 'expected an absolute URL, e.g. https://ops.example.com' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** How long a request to another service may take before the API answers 503. */
    RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** Failed logins allowed per login name, and per client IP, within LOGIN_LOCK_MINUTES. */
    LOGIN_MAX_FAILURES: count(5, 1_000),
    LOGIN_MAX_FAILURES_PER_IP: count(20, 100_000),
    LOGIN_LOCK_MINUTES: count(15, 24 * 60),
    /** A comment line on every open SSE stream this often, so proxies keep it open. */
    SSE_HEARTBEAT_SECONDS: count(15, 300),
    /** Where the services keep files (invoice PDFs): the gateway reads them from here. */
    OBJECT_STORAGE_DIR: z.string().trim().min(1).default('.fieldgram/objects'),
    /** Express' `trust proxy` (e.g. `loopback`, `1`, `10.0.0.0/8`) when behind a reverse proxy. */
    TRUST_PROXY: z.string().trim().min(1).optional(),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: `required when NODE_ENV=production (at least ${JWT_SECRET_MIN_LENGTH} random characters)`,
      });
    }
  });
export type ApiGatewayEnv = z.output<typeof apiGatewayEnvSchema>;
