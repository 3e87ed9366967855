import type { ErrorRequestHandler } from 'express';
import type { GatewayContext } from '../context.js';
import { MAX_BODY_BYTES } from '../paths.js';
import { locals } from '../pipeline/locals.js';
import { bodyFieldsOf } from '../pipeline/validate.js';
import { HttpProblem, problemDocument, type ProblemDocument } from '../problem.js';
import { problemFromRemote } from '../remote-errors.js';
import type { AnyRoute } from '../route.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Every error as `application/problem+json` (RFC 9457) without internals: our own problems as
 * they are, body-parser refusals and services' answers translated, anything else a logged 500.
 */
export function problemResponses(gateway: GatewayContext): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const state = locals(response);
    const problem =
      asProblem(error, state.route) ??
      new HttpProblem('internal', 'The request could not be completed because of an error on our side.');
    if (problem.status >= 500 && !(error instanceof HttpProblem) && problem.slug === 'internal') {
      gateway.logger.error(
        { err: error, requestId: state.requestId, route: state.route?.id },
        'request failed',
      );
    } else if (problem.status === 503) {
      gateway.logger.warn(
        { err: error, requestId: state.requestId, route: state.route?.id },
        'a dependency is unavailable',
      );
    }
    const document: ProblemDocument = problemDocument(
      problem,
      request.originalUrl.split('?')[0] ?? '/',
      state.requestId,
    );
    if (problem.extra.retryAfterSeconds !== undefined)
      response.set('Retry-After', String(problem.extra.retryAfterSeconds));
    if (problem.extra.allow) response.set('Allow', problem.extra.allow.join(', '));
    if (problem.status === 401) response.set('WWW-Authenticate', 'Bearer realm="fieldgram"');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(document));
  };
}

function asProblem(error: unknown, route: AnyRoute | undefined): HttpProblem | null {
  if (error instanceof HttpProblem) return error;
  const parserError = error as BodyParserError | null;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new HttpProblem('malformed-json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new HttpProblem(
        'payload-too-large',
        `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem('unsupported-media-type', 'Send the body as UTF-8 JSON.');
  }
  if (parserError?.type && (parserError.status ?? 0) >= 400 && (parserError.status ?? 0) < 500) {
    return new HttpProblem('validation', 'The request body could not be read.');
  }
  return problemFromRemote(error, { bodyFields: bodyFieldsOf(route) });
}
