import { z } from 'zod';

/** `NODE_ENV`: `production` turns the development conveniences (generated secrets, admin/admin) into errors. */
export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');

const SECRETS_KEY_BYTES = 32;

/** `SECRETS_KEY`: 32 random bytes, base64 (`openssl rand -base64 32`); encrypts secrets at rest. */
export const secretsKey = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === SECRETS_KEY_BYTES,
    {
      error: `expected ${SECRETS_KEY_BYTES} random bytes, base64-encoded (openssl rand -base64 32)`,
    },
  );
