/**
 * Keys whose values are personal data or secrets (DESIGN §4, §6); never written to logs.
 * Matching ignores case, `_` and `-`, so `phone_number`, `Phone-Number` and `phoneNumber` all match.
 */
export const REDACTED_KEYS = [
  'phone',
  'phoneNumber',
  'email',
  'address',
  'firstName',
  'lastName',
  'first_name',
  'last_name',
  'clientName',
  'fullName',
  'password',
  'token',
  'botToken',
  'accessToken',
  'refreshToken',
  'authorization',
  'secret',
] as const;

export const REDACTION_CENSOR = '[redacted]';

/**
 * How deep a key is still found: `{ phone }` is depth 1, `{ a: { b: { c: { phone } } } }` depth 4
 * (an array counts as a level). Deeper values are written as they are; the limit also stops cycles.
 */
export const REDACTION_DEPTH = 6;

const normalize = (key: string): string => key.replace(/[-_]/g, '').toLowerCase();
const SENSITIVE = new Set<string>(REDACTED_KEYS.map(normalize));

// Few distinct keys appear in logs; remembering the verdict keeps the walk cheap.
const verdicts = new Map<string, boolean>();
const VERDICT_CACHE_LIMIT = 10_000;

export function isSensitiveKey(key: string): boolean {
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = SENSITIVE.has(normalize(key));
    if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * Returns `value` with sensitive keys censored down to `depth` levels. Copies only the branches
 * it changes: the caller's objects are never mutated, and a clean object is returned as is.
 */
export function redactSensitive<T>(value: T, depth: number = REDACTION_DEPTH): T {
  return redactValue(value, depth) as T;
}

function redactValue(value: unknown, depth: number): unknown {
  if (depth <= 0 || typeof value !== 'object' || value === null || !isPlainData(value)) return value;
  return Array.isArray(value)
    ? redactArray(value, depth)
    : redactObject(value as Record<string, unknown>, depth);
}

/** Errors and objects with toJSON are serialized their own way; walking them would change the output. */
function isPlainData(value: object): boolean {
  return !(value instanceof Error) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function redactArray(array: readonly unknown[], depth: number): unknown[] {
  let copy: unknown[] | undefined;
  array.forEach((item, index) => {
    const redacted = redactValue(item, depth - 1);
    if (redacted !== item) (copy ??= [...array])[index] = redacted;
  });
  return copy ?? (array as unknown[]);
}

function redactObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const item = object[key];
    const redacted = isSensitiveKey(key) ? REDACTION_CENSOR : redactValue(item, depth - 1);
    if (redacted !== item) (copy ??= { ...object })[key] = redacted;
  }
  return copy ?? object;
}
