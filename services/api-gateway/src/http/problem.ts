import { z } from 'zod';

/** RFC 9457 problem types of this API: `urn:fieldgram:problem:<slug>`, each with one HTTP status. */
export const PROBLEMS = {
  validation: { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'No longer valid' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;
export type ProblemSlug = keyof typeof PROBLEMS;

export const problemType = (slug: ProblemSlug): string => `urn:fieldgram:problem:${slug}`;

export interface FieldError {
  /** Where the problem is: `body.role`, `query.page`, `params.id`. */
  field: string;
  message: string;
}

/**
 * An error a route (or the pipeline) throws to answer with `application/problem+json`. Its detail
 * is written for the API's user and is sent as is; anything else thrown becomes a bare 500.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extra: {
      errors?: FieldError[];
      /** Seconds, sent as Retry-After (429, 503). */
      retryAfterSeconds?: number;
      /** Sent as Allow (405). */
      allow?: string[];
    } = {},
  ) {
    super(detail);
    this.status = PROBLEMS[slug].status;
  }
}

export const unauthorized = (detail: string) => new HttpProblem('unauthorized', detail);
export const forbidden = (detail: string) => new HttpProblem('forbidden', detail);
export const notFound = (detail: string) => new HttpProblem('not-found', detail);

/** The problem document; `errors` only for validation problems, `requestId` always. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'urn:fieldgram:problem:<slug>' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request that failed' }),
    requestId: z.string().meta({ description: 'Quote it when reporting a problem (also in X-Request-Id)' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Validation problems: each bad field, e.g. `body.role`' }),
  })
  .meta({ id: 'Problem' });
export type ProblemDocument = z.infer<typeof ProblemSchema>;

export function problemDocument(problem: HttpProblem, instance: string, requestId: string): ProblemDocument {
  return {
    type: problemType(problem.slug),
    title: PROBLEMS[problem.slug].title,
    status: problem.status,
    detail: problem.detail,
    instance,
    requestId,
    ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
  };
}

/** `body.role: Invalid option: …; query.page: Too small: …` and the same as a list. */
export function validationProblem(location: 'params' | 'query' | 'body', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new HttpProblem('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}
