import { randomUUID } from 'node:crypto';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { z } from 'zod';
import { runWithLogContext } from '@fieldgram/platform';
import type { Caller, GatewayContext } from './context.js';
import {
  forbidden,
  HttpProblem,
  problemDocument,
  unauthorized,
  type FieldError,
  type ProblemDocument,
} from './problem.js';
import { problemFromRemote } from './remote-errors.js';
import type { AnyRoute, CsvDownload, PdfDownload, RouteContext } from './route.js';

export const API_PREFIX = '/api/v1';
export const OPENAPI_PATH = '/api/openapi.json';
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiAppOptions {
  routes: readonly AnyRoute[];
  gateway: GatewayContext;
  openApiDocument: object;
  rpcTimeoutMs: number;
  trustProxy?: string;
}

interface Locals {
  requestId: string;
  route?: AnyRoute;
  caller?: Caller;
}
const locals = (response: Response) => response.locals as Locals;

/**
 * The REST API: every route of the registry behind one pipeline — authenticate (401), check the
 * role (403), validate params, query and body (400), call the handler, shape the answer with the
 * response schema. Every error is `application/problem+json` without internals.
 */
export function createApiApp(options: ApiAppOptions): Express {
  const { gateway } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', trustProxyValue(options.trustProxy));

  app.use(requestBasics(gateway));
  app.get(OPENAPI_PATH, (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(options.openApiDocument);
  });

  const router = express.Router();
  router.use(
    express.json({ limit: MAX_BODY_BYTES, type: ['application/json', 'application/*+json'], strict: true }),
  );
  for (const route of options.routes) {
    router[route.method](route.path, dispatch(route, options));
  }
  app.use(API_PREFIX, router);
  app.use(unmatched(options.routes));
  app.use(problems(gateway));
  return app;
}

function requestBasics(gateway: GatewayContext): RequestHandler {
  return (request, response, next) => {
    const offered = request.get('x-request-id');
    const requestId = offered && /^[\w.:-]{1,128}$/.test(offered) ? offered : randomUUID();
    response.locals.requestId = requestId;
    response.set({
      'X-Request-Id': requestId,
      'X-Content-Type-Options': 'nosniff',
      // Tokens, people's data: nothing here belongs in a shared cache.
      'Cache-Control': 'no-store',
    });
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const { route, caller } = locals(response);
      const line = {
        requestId,
        method: request.method,
        // The path only: a query may hold a stream ticket.
        path: request.path,
        route: route?.id,
        userId: caller?.userId,
        status: response.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      if (response.statusCode >= 500) gateway.logger.error(line, 'request failed');
      else gateway.logger.info(line, 'request');
    });
    next();
  };
}

function dispatch(route: AnyRoute, options: ApiAppOptions): RequestHandler {
  const { gateway } = options;
  const timeoutMs = route.rpcTimeoutMs ?? options.rpcTimeoutMs;
  return async (request, response) => {
    const state = locals(response);
    state.route = route;
    const caller = await authenticate(route, request, gateway);
    if (caller) state.caller = caller;
    const input = validate(route, request);

    const context: RouteContext<unknown, unknown, unknown> = {
      ...input,
      caller: () => {
        if (!caller) throw new Error(`route ${route.id} is public: it has no caller`);
        return caller;
      },
      call: (type, data) => gateway.rpc.request(type, data, { caller, timeoutMs }),
      gateway,
      request,
      response,
    };
    const result = await runWithLogContext(
      { correlationId: state.requestId, route: route.id, ...(caller ? { userId: caller.userId } : {}) },
      () => route.handler(context),
    );
    send(route, response, result);
  };
}

async function authenticate(
  route: AnyRoute,
  request: Request,
  gateway: GatewayContext,
): Promise<Caller | null> {
  const { access } = route;
  if ('public' in access) return null;
  let caller: Caller;
  const header = request.get('authorization');
  const ticket = access.ticket ? request.query.ticket : undefined;
  if (header !== undefined) {
    const token = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header)?.[1];
    if (!token) throw unauthorized('The Authorization header must be "Bearer <access token>".');
    caller = await gateway.tokens.verifyAccess(token);
  } else if (typeof ticket === 'string') {
    const redeemed = await gateway.tickets.redeem(ticket);
    if (!redeemed) throw unauthorized('The stream ticket is unknown, expired or already used.');
    caller = redeemed;
  } else {
    throw unauthorized(
      access.ticket
        ? 'Send an access token (Authorization: Bearer <token>) or a stream ticket (?ticket=).'
        : 'Send an access token: Authorization: Bearer <token> (POST /api/v1/auth/login gives one).',
    );
  }
  if (!access.roles.includes(caller.role)) {
    throw forbidden(
      `This is not allowed for the role ${caller.role}; it is for: ${access.roles.join(', ')}.`,
    );
  }
  return caller;
}

function validate(route: AnyRoute, request: Request): { params: unknown; query: unknown; body: unknown } {
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

function send(route: AnyRoute, response: Response, result: unknown): void {
  const spec = route.response;
  switch (spec.kind) {
    case 'json': {
      const shaped = spec.schema.safeParse(result);
      if (!shaped.success) {
        throw new Error(`route ${route.id} answered outside its response schema: ${shaped.error.message}`);
      }
      response.status(spec.status).json(shaped.data);
      return;
    }
    case 'table': {
      const download = result as { json: unknown } | CsvDownload | PdfDownload;
      if ('pdf' in download) {
        sendPdf(response, download);
        return;
      }
      if ('csv' in download) {
        response
          .status(200)
          .set({
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': contentDisposition(download.filename),
          })
          // The byte order mark makes Excel read the file as UTF-8 (Cyrillic names, ₽).
          .send(`${UTF8_BOM}${download.csv}`);
        return;
      }
      const shaped = spec.schema.safeParse(download.json);
      if (!shaped.success) {
        throw new Error(`route ${route.id} answered outside its response schema: ${shaped.error.message}`);
      }
      response.status(200).json(shaped.data);
      return;
    }
    case 'png':
      response.status(200).type('image/png').send(result);
      return;
    case 'pdf':
      sendPdf(response, result as PdfDownload);
      return;
    case 'empty':
      response.status(204).end();
      return;
    case 'sse':
      return; // the handler owns the open stream
  }
}

const UTF8_BOM = '\uFEFF';

function sendPdf(response: Response, download: PdfDownload): void {
  response
    .status(200)
    .set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(download.filename, download.disposition),
    })
    .send(download.pdf);
}

/** `attachment; filename="…"`, with an RFC 5987 `filename*` when the name is not plain ASCII. */
export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = filename.replace(/[^\x20-\x7E]|["\\]/g, '_');
  return ascii === filename
    ? `${disposition}; filename="${filename}"`
    : `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function unmatched(routes: readonly AnyRoute[]): RequestHandler {
  const patterns = routes.map((route) => ({
    method: route.method.toUpperCase(),
    pattern: new RegExp(
      `^${API_PREFIX}${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`,
    ),
  }));
  return (request, _response, next) => {
    const allow = [...new Set(patterns.filter((p) => p.pattern.test(request.path)).map((p) => p.method))];
    if (allow.length > 0) {
      if (allow.includes('GET')) allow.push('HEAD');
      next(
        new HttpProblem(
          'method-not-allowed',
          `${request.method} is not supported here; use ${allow.join(', ')}.`,
          {
            allow,
          },
        ),
      );
      return;
    }
    next(new HttpProblem('not-found', `There is no ${request.method} ${request.path} in this API.`));
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function problems(gateway: GatewayContext): ErrorRequestHandler {
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

function bodyFieldsOf(route: AnyRoute | undefined): string[] {
  const shape = (route?.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
