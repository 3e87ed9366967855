import type { Request } from 'express';
import type { z } from 'zod';
import { HttpProblem, type FieldError } from '../problem.js';
import type { AnyRoute } from '../route.js';

/** The route's params, query and body, parsed by its schemas; one 400 naming every bad field. */
export function validate(
  route: AnyRoute,
  request: Request,
): { params: unknown; query: unknown; body: unknown } {
  const errors: FieldError[] = [];
  const check = (location: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      errors.push({ field: [location, ...issue.path.map(String)].join('.'), message: issue.message });
    }
    return undefined;
  };
  if (route.body && hasBody(request) && !request.is(['application/json', 'application/*+json'])) {
    throw new HttpProblem(
      'unsupported-media-type',
      'Send the body as JSON (Content-Type: application/json).',
    );
  }
  const input = {
    params: check('params', route.params, request.params),
    query: check('query', route.query, request.query),
    body: check('body', route.body, request.body),
  };
  if (errors.length > 0) {
    throw new HttpProblem('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      errors,
    });
  }
  return input;
}

function hasBody(request: Request): boolean {
  return request.get('transfer-encoding') !== undefined || Number(request.get('content-length') ?? 0) > 0;
}

/** The top-level fields of a route's body, so a service's refusal of `field` reads `body.field`. */
export function bodyFieldsOf(route: AnyRoute | undefined): string[] {
  const shape = (route?.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}
