import { RemoteError, noAnswerOf } from '@fieldgram/platform';
import { HttpProblem, type FieldError, type ProblemSlug } from './problem.js';

/** Refusals a service answers with (its DomainError codes) → the API's problem types. */
const REMOTE_CODES: Record<string, ProblemSlug> = {
  validation: 'validation',
  not_found: 'not-found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  rate_limited: 'rate-limited',
};

/**
 * Translates a failed request/reply into a problem, or returns null for anything else (a bug:
 * the caller answers 500 without details). A service's refusal message is meant for people and
 * is passed on; internal errors and timeouts are described without internals.
 */
export function problemFromRemote(
  error: unknown,
  options: { bodyFields?: readonly string[] } = {},
): HttpProblem | null {
  const down = noAnswerOf(error);
  if (down) return unavailable(down.target, Math.max(1, Math.ceil(down.retryAfterMs / 1000)));
  if (error instanceof RemoteError) {
    const slug = REMOTE_CODES[error.code];
    if (!slug) return new HttpProblem('internal', 'The request could not be completed because of an error.');
    const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
    const errors: FieldError[] | undefined =
      slug === 'validation' && field
        ? [{ field: options.bodyFields?.includes(field) ? `body.${field}` : field, message: error.message }]
        : undefined;
    const retryAfter = Number(error.details?.retryAfterSeconds);
    return new HttpProblem(slug, error.message, {
      ...(errors ? { errors } : {}),
      ...(slug === 'rate-limited'
        ? { retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60 }
        : {}),
    });
  }
  return null;
}

function unavailable(target: string | undefined, retryAfterSeconds: number): HttpProblem {
  const what = target ? `The ${target} service` : 'The message bus';
  return new HttpProblem(
    'service-unavailable',
    `${what} is not answering right now; try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}
