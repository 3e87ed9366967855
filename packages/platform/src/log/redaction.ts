/** Keys whose values are personal data or secrets (DESIGN §4, §6); never written to logs. */
export const REDACTED_KEYS = [
  'phone',
  'phoneNumber',
  'phone_number',
  'email',
  'address',
  'firstName',
  'lastName',
  'first_name',
  'last_name',
  'clientName',
  'client_name',
  'fullName',
  'full_name',
  'password',
  'token',
  'botToken',
  'bot_token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'authorization',
  'secret',
] as const;

export const REDACTION_CENSOR = '[redacted]';

/** How deep a key is still found: `phone` is depth 1, `a.b.c.phone` is depth 4. */
export const REDACTION_DEPTH = 4;

/**
 * pino redact paths have no recursive wildcard, so each key is listed at every depth:
 * `phone`, `*.phone`, `*.*.phone`, `*.*.*.phone`.
 */
export function redactionPaths(keys: readonly string[] = REDACTED_KEYS, depth = REDACTION_DEPTH): string[] {
  return Array.from({ length: depth }, (_, level) => keys.map((key) => '*.'.repeat(level) + key)).flat();
}
